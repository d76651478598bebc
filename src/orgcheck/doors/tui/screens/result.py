"""The result: recommendation, scores, findings, all structures, and the report itself.

Everything shown comes from the engine's Assessment; the report tab shows the
exact Markdown that "save report" writes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Static, TabbedContent, TabPane

from ....engine.assess import Assessment
from ....pack.model import SEVERITIES
from ....questionnaire.session import Place
from ..widgets.header import Header
from ..widgets.keys_footer import KeysFooter
from ..widgets.score_bar import ScoreBar
from .base import AHEAD_DELAY, OrgcheckScreen

SAVE_KEYS = {"save-report": "ctrl+s", "save-answers": "ctrl+e"}  # by button, as in BINDINGS
FIRST_STEPS = 3  # as many as the report's summary lists
SEVERITY_STYLES = {
    "high": "bold $error",
    "medium": "bold $warning",
    "low": "bold $accent",
    "info": "bold",
    "strength": "bold $success",
}


class ResultScreen(OrgcheckScreen):
    CSS_PATH = "result.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        # The save keys are on their buttons where they fit (SAVE_KEYS): the footer has
        # no room for them and quit, back and the commands in German at 60 columns.
        Binding("ctrl+s", "save_report", "Save report", show=False),
        Binding("ctrl+e", "save_answers", "Save answers", show=False),
        Binding("escape", "back", "Back"),
        Binding("ctrl+b", "back", "Back", show=False),
    ]

    def __init__(self, assessment: Assessment, *, tab: str | None = None) -> None:
        super().__init__()
        self.assessment = assessment
        self.initial_tab = tab

    def compose(self) -> ComposeResult:
        words = self.words
        yield Header(show_clock=False)
        with TabbedContent(id="tabs", initial=self.initial_tab or "summary"):
            with TabPane(words("tab_summary"), id="summary"), VerticalScroll():
                yield from self._summary()
            # The other tabs are filled when first opened, so the summary shows at once.
            yield TabPane(words("tab_findings"), id="findings")
            yield TabPane(words("tab_structures"), id="structures")
            yield TabPane(words("tab_report"), id="report")
        with Horizontal(id="buttons"):
            yield Button(words("back"), id="back", compact=True)
            yield Button(words("save_report"), id="save-report", variant="primary", compact=True)
            yield Button(words("save_answers"), id="save-answers", compact=True)
        yield KeysFooter()

    def _summary(self) -> ComposeResult:
        words = self.words
        fit = self.assessment.recommendation
        yield Static(
            Content.assemble(
                f"{words.report('recommended_structure')}: ",
                (fit.structure.name(words.language), "bold $accent"),
            ),
            id="recommendation",
        )
        yield Static(Content(words.text(fit.structure.summary)), classes="paragraph")
        yield Static(
            Content.assemble((f"{words('why_structure')}: ", "bold"), words.text(fit.main_reason)),
            classes="paragraph",
        )
        stage = self.assessment.next_stage
        if stage is not None:
            yield Static(
                Content.assemble(
                    (f"{words('next_stage')}: ", "bold"),
                    stage.structure.name(words.language),
                    " – ",
                    words.text(stage.main_reason),
                ),
                classes="paragraph",
            )
        yield ScoreBar(words.report("overall_score"), self.assessment.overall, classes="overall")
        yield from self._first_steps()
        yield Static(words.report("scores"), classes="heading")
        for dimension in self.assessment.dimensions:
            yield ScoreBar(dimension.name(words.language), dimension.score)

    def _first_steps(self) -> ComposeResult:
        """The most important steps, as the report's summary has them (its first three)."""
        words, actions = self.words, self.assessment.actions[:FIRST_STEPS]
        if not actions:
            return
        yield Static(
            words.report("first_action" if len(actions) == 1 else "first_actions"), classes="heading"
        )
        for number, action in enumerate(actions, start=1):
            owner = words.localizer.unit(action.owner, self.assessment)
            yield Static(
                Content.assemble(f"{number}. ", (f"{owner}: ", "bold"), words.text(action.text)),
                classes="step",
            )

    def _findings(self) -> Iterator[Widget]:
        words = self.words
        if not self.assessment.findings:
            yield Static(words("no_findings"))
        for severity in SEVERITIES:
            findings = self.assessment.findings_of(severity)
            if not findings:
                continue
            yield Static(
                Content.styled(
                    f"{words.report(f'severity_{severity}')} ({len(findings)})", SEVERITY_STYLES[severity]
                ),
                classes="heading",
            )
            for finding in findings:
                yield Static(Content(f"• {words.text(finding.rule.title)}"), classes="finding")
                evidence = "; ".join(words.localizer.evidence(finding, self.assessment.answers.values))
                yield Static(
                    Content.styled(f"{words.report('evidence')}: {evidence}", "dim"), classes="evidence"
                )

    def _structures(self) -> Iterator[Widget]:
        words = self.words
        assessment = self.assessment
        for fit in assessment.fit:
            if fit is assessment.recommendation:
                status = "recommended"
            elif fit is assessment.next_stage:
                status = "next_stage"
            else:
                status = fit.status
            # The name on a line of its own: "Mehrere Zentralen (Multiple Hub and Spoke)" needs the width.
            # The status goes with the name, not before the reason: "Advised against by the
            # sources: The sources advise against ..." said it twice.
            name = fit.structure.name(words.language)
            if status != "recommendable":
                name += f" – {words.report(f'status_{status}')}"
            classes = "stacked recommended" if status == "recommended" else "stacked"
            yield ScoreBar(name, fit.score, classes=classes)
            yield Static(Content.styled(words.text(fit.main_reason), "dim"), classes="reason")

    def on_mount(self) -> None:
        self.sub_title = self.words("result_title")
        self._label_buttons(self.app.size.width)
        self.query_one("#tabs Tabs").focus()
        if self.initial_tab:
            self._fill(self.initial_tab)

    def on_resize(self) -> None:
        self._label_buttons(self.size.width)

    def _label_buttons(self, width: int) -> None:
        """The save buttons with their keys ("Bericht speichern Strg+S") where all three fit."""
        words = self.words
        plain = {
            "back": words("back"),
            "save-report": words("save_report"),
            "save-answers": words("save_answers"),
        }
        keyed = {
            button: f"{label} {self.app.get_key_display(Binding(SAVE_KEYS[button], ''))}"
            if button in SAVE_KEYS
            else label
            for button, label in plain.items()
        }
        # Compact buttons: a space either side of the label, two between; the row's own space.
        needed = 1 + sum(cell_len(label) + 4 for label in keyed.values())
        labels = keyed if needed <= width else plain
        for button in self.query("#buttons Button").results(Button):
            if button.id in labels and str(button.label) != labels[button.id]:
                button.label = labels[button.id]

    def on_screen_resume(self) -> None:
        self.set_timer(AHEAD_DELAY, self.orgcheck.compose_save_dialogs_ahead)

    @on(TabbedContent.TabActivated)
    def _tab_opened(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id is not None:
            self._fill(event.pane.id)

    def _fill(self, tab: str) -> None:
        pane = self.query_one(f"#{tab}", TabPane)
        if pane.children or pane.loading:
            return
        if tab == "findings":
            pane.mount(VerticalScroll(*self._findings()))
        elif tab == "structures":
            pane.mount(VerticalScroll(*self._structures()))
        elif tab == "report":
            self._show_report(pane)

    def _show_report(self, pane: TabPane) -> None:
        """The report, with a loading indicator while it is laid out (about a second)."""
        pane.loading = True

        async def fill() -> None:
            from textual.widgets import MarkdownViewer  # markdown-it loads only here

            report = self.orgcheck.report_text("md")
            await pane.mount(MarkdownViewer(report, show_table_of_contents=False, open_links=False))
            pane.loading = False

        self.call_after_refresh(fill)

    @on(Button.Pressed, "#save-report")
    def action_save_report(self) -> None:
        self.orgcheck.ask_save("report")

    @on(Button.Pressed, "#save-answers")
    def action_save_answers(self) -> None:
        self.orgcheck.ask_save("answers")

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.orgcheck.go(Place("review"))

    def relocalized(self) -> ResultScreen:
        # The report and its words are in the answers' language: assess again in the new one.
        return ResultScreen(self.orgcheck.session.assess(), tab=self.query_one(TabbedContent).active)
