"""Accessibility as a screen-reader user and a keyboard user meet it: axe-core run on the
page the browser shows (the WCAG 2.1 A and AA rules, and axe's best practices), after it has
settled. Critical and serious findings fail; so does a page without a main landmark or a
level-one heading."""

from pathlib import Path

AXE = (Path(__file__).parent / "axe" / "axe.min.js").read_text()
# What would stop or mislead someone: both must be zero on every page.
BLOCKING = {"critical", "serious"}
# Where a screen-reader user lands and what the page is called: every page has both.
STRUCTURE = {"landmark-one-main", "page-has-heading-one"}
RUN = """async () => {
  const result = await axe.run(document, {
    runOnly: {
      type: "tag",
      values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    resultTypes: ["violations"],
  });
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + " :: " + (n.failureSummary || "")),
  }));
}"""


def violations(page) -> list[dict]:
    """The blocking violations of the page as it is now (axe is evaluated through the
    DevTools protocol, so the pages' strict CSP needs no exception)."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.evaluate(AXE)
    return [v for v in page.evaluate(RUN) if v["impact"] in BLOCKING or v["id"] in STRUCTURE]


def describe(found: list[dict]) -> str:
    return "\n".join(
        f"{v['impact']} {v['id']}: {v['help']}\n  " + "\n  ".join(v["nodes"]) for v in found
    )
