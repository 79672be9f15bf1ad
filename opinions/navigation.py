"""The sections of a dialogue's opinions and petitions, as the pills above their pages show
them: built in Python, as a link and an access check each cost a template ten times more."""

from kesat_dialogue import access, links

# (key the page names itself by, URL name, label, access action; None: every staff member)
SECTIONS = (
    ("form", "opinions:form", "Mẫu phiếu", "opinion_form.edit"),
    ("entry", "opinions:slip-create", "Nhập phiếu", "slip.enter"),
    ("import", "opinions:import", "Nhập từ Excel", "slip.enter"),
    ("opinions", "opinions:opinion-list", "Ý kiến", "opinion.view"),
    ("petitions", "opinions:petition-list", "Kiến nghị", None),
    ("assign", "opinions:petition-assign", "Giao trả lời", "petition.assign"),
    ("coverage", "opinions:answer-coverage", "Tiến độ trả lời", "answer.coverage"),
    ("synthesis", "opinions:synthesis", "Báo cáo tổng hợp", "answer.coverage"),
    ("stats", "opinions:statistics", "Thống kê", None),
)


def sections(user, plan) -> list[tuple[str, str, str]]:
    """(key, address, label) of each section of ``plan`` the user may open."""
    return [
        (key, links.object_url(name, "plan_id", plan.public_id), label)
        for key, name, label, action in SECTIONS
        if action is None or access.can(user, action, plan)
    ]
