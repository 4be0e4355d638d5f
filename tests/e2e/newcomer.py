"""Helpers for the newcomer's browser tasks (issue 17): a page per screen size that counts the
clicks the person makes, axe-core run from its local copy, and a check that nothing scrolls
sideways."""

from __future__ import annotations

from dataclasses import dataclass, field

SIZES = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True},
    "desktop": {"viewport": {"width": 1366, "height": 768}},
}

# Every trusted click in the page, kept in sessionStorage so that it survives navigations.
COUNT_CLICKS = """
document.addEventListener("click", function (event) {
  if (!event.isTrusted) return;
  var n = Number(sessionStorage.getItem("e2e-clicks") || 0) + 1;
  sessionStorage.setItem("e2e-clicks", String(n));
}, true);
"""


@dataclass
class Task:
    """One person's task on one screen size. `clicks` is what the browser saw, plus one per
    option picked from a list (opening a select is a click the page never sees)."""

    page: object
    size: str
    picks: int = 0
    log: list[str] = field(default_factory=list)

    def click(self, locator, what: str = "") -> None:
        locator.click()
        self.log.append(f"click {what or locator}")

    def pick(self, select, label: str) -> None:
        select.select_option(label=label)
        self.picks += 1
        self.log.append(f"pick {label}")

    def open_filters(self) -> None:
        """On a phone the filter panel starts folded: unfolding it is a click."""
        panel = self.page.locator("details.filter-panel")
        if panel.get_attribute("open") is None:
            self.click(panel.locator("summary"), "Filter and sort")

    def start_counting(self) -> None:
        self.page.evaluate("sessionStorage.setItem('e2e-clicks', '0')")
        self.picks = 0
        self.log.clear()

    def done(self, name: str, bound: int) -> None:
        """The task took at most `bound` clicks (printed, for the record of a run with -s)."""
        clicks = self.clicks
        print(f"\n{name} on {self.size}: {clicks} clicks (at most {bound}): {'; '.join(self.log)}")
        assert clicks <= bound, (name, self.size, clicks, self.log)

    @property
    def clicks(self) -> int:
        seen = int(self.page.evaluate("Number(sessionStorage.getItem('e2e-clicks') || 0)"))
        return seen + self.picks


def axe_serious(page) -> list[str]:
    """Serious and critical axe-core violations; axe runs from the package's own copy."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: "
        f"{', '.join(str(n['target']) for n in v['nodes'][:3])})"
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]


def sideways_overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
