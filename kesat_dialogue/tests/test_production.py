"""The README's "Deploying" steps, followed to the letter and walked by every demo user
(``drills/production.py``; run by hand with ``python -m drills.production``)."""

from drills import production


def test_production_path_serves_every_page_to_every_role_without_error():
    figures = production.run()
    print({k: v for k, v in figures.items() if k != "deploy_check_output"})

    assert figures["deploy_check_returncode"] == 0, figures["deploy_check_output"]
    walked = figures["pages_walked"]
    assert {"vanphong", "mattran", "chutich", "diachinh", "danguy", "quangoi", "quantri"} <= set(
        walked
    )
    assert all(pages >= 10 for pages in walked.values()), walked
    assert figures["server_errors"] == 0
    # No page shows a link that answers 403, 404 or 500 to the user who sees it.
    assert figures["problems"] == {}
    assert figures["static_files_checked"] >= 8
    assert figures["static_problems"] == []
