"""Multiple choice: a SelectionList where space ticks and enter goes on."""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import OptionList, SelectionList
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.selection_list import Selection

from ....pack.questiontypes import RawInput
from .answer_field import AnswerField
from .marks import NOT_TICKED, TICKED


class ChoiceList(SelectionList[str]):
    """A SelectionList with one box per option, on the option's first line.

    SelectionList (Textual 8.2) takes screen line y for option y, so where a
    label wraps, continuation lines get boxes and the last options get none:
    people "fix" what they see and record wrong answers. Here the box goes on
    the first line of each option and its other lines are indented.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "go_on", "Next", show=False)]

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        self.call_after_refresh(self._show_highlighted)

    def _show_highlighted(self) -> None:
        """Scroll the screen's body so the highlighted option, all its lines, is in view.

        The list is as tall as its options, so its own scrolling does nothing; on a
        small terminal the body around it has to follow the cursor instead.
        """
        index = self.highlighted
        if index is None or not self.content_region:
            return
        self._update_lines()
        first = self._line_cache.index_to_line.get(index)
        if first is None:
            return
        height = self._line_cache.heights.get(index, 1)
        top = self.content_region.y + first - self.scroll_offset.y
        on_screen = Region(self.content_region.x, top, self.content_region.width, height)
        body = next((a for a in self.ancestors if isinstance(a, Widget) and a.allow_vertical_scroll), None)
        if body is None:
            return
        origin = body.scrollable_content_region
        virtual = on_screen.translate(body.scroll_offset - origin.offset)
        body.scroll_to_region(virtual, animate=False, immediate=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # OptionList measures its height without the boxes' gutter, which the lines
        # are wrapped for: a label that wraps only there hid the last option.
        return super().get_content_height(container, viewport, width - self._get_left_gutter_width())

    def render_line(self, y: int) -> Strip:
        line = OptionList.render_line(self, y)  # the label's line, without SelectionList's box
        self._update_lines()
        try:
            option_index, line_offset = self._lines[self.scroll_offset.y + y]
        except IndexError:
            return line
        base = next(iter(line)).style if line.cell_length else None
        base = base or self.rich_style
        if line_offset > 0:  # a continuation line: no box, indented under the label
            return Strip([Segment(" " * self._get_left_gutter_width(), base), *line])
        selection = self.get_option_at_index(option_index)
        component = "selection-list--button"
        ticked = selection.value in self._selected
        if ticked:
            component += "-selected"
        if self.highlighted == option_index:
            component += "-highlighted"
        button = self.get_component_rich_style(component) + Style(meta={"option": option_index})
        side = Style.from_color(button.bgcolor, base.bgcolor) + Style(meta={"option": option_index})
        return Strip(
            [
                Segment(ToggleButton.BUTTON_LEFT, side),
                Segment(TICKED if ticked else NOT_TICKED, button),
                Segment(ToggleButton.BUTTON_RIGHT, side),
                Segment(" ", base),
                *line,
            ]
        )

    class Done(Message):
        pass

    def action_go_on(self) -> None:
        self.post_message(self.Done())


class MultiField(AnswerField):
    def on_mount(self) -> None:
        # An empty list is a valid answer ("nobody", "no goals") but also what pressing
        # enter without ticking gives: the session asks once, unless it was the answer already.
        self.confirmed = self.initial == []

    def compose(self) -> ComposeResult:
        chosen = self.initial if isinstance(self.initial, list) else []
        yield ChoiceList(
            *(Selection(self.option_label(o), o.value, o.value in chosen) for o in self.options),
            classes="answer-input",
        )

    def raw(self) -> RawInput:
        return list(self.query_one(ChoiceList).selected)

    def on_selection_list_selected_changed(self) -> None:
        self.changed()

    def on_choice_list_done(self, event: ChoiceList.Done) -> None:
        event.stop()
        self.post_message(self.Submitted(self))
