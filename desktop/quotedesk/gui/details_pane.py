"""The evidence for the selected quote: kind, confidence, status, cue, mention, pronoun resolution."""
from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel

from quotedesk.core.store.quotes import QuoteRow
from quotedesk.gui.colors import speaker_accent
from quotedesk.gui.quote_model import STATUS_TEXT

_FIELDS = (("speaker", "Speaker"), ("kind", "Kind"), ("confidence", "Confidence"), ("status", "Status"),
           ("cue", "Cue"), ("mention", "Mention"), ("resolved", "Resolved"), ("span", "Span"))


class QuoteDetailsPane(QFrame):
    """Read-only facts about one quote (or a hint when none is selected)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("QuoteDetailsPane")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(240)
        self.setToolTip("Why the engine attributed the selected quote this way")
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.labels: dict[str, QLabel] = {}
        for key, title in _FIELDS:
            lab = QLabel()
            lab.setWordWrap(True)
            lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.labels[key] = lab
            form.addRow(f"<b>{title}</b>", lab)
        self.show_quote(None)

    def show_quote(self, q: QuoteRow | None, roles: dict[int, str] | None = None) -> None:
        """Show a quote's evidence; ``roles`` maps speaker id to a role/description, if known."""
        if q is None:
            for lab in self.labels.values():
                lab.setText("")
            self.labels["speaker"].setText("<i>Select a quote to see its evidence.</i>")
            return
        key = q.speaker_ids[0] if q.speaker_ids else None
        colour = speaker_accent(key).name()
        speaker = html.escape(q.speaker_label) if q.speakers else "<i>unknown</i>"
        role = " · ".join(html.escape(roles[sid]) for sid in q.speaker_ids if roles and roles.get(sid))
        self.labels["speaker"].setText(f"<span style='color:{colour}'>■</span> {speaker}"
                                       + (f" <span style='color:gray'>({role})</span>" if role else ""))
        self.labels["kind"].setText(q.kind + (" (floating: no cue in its sentence)" if q.floating else ""))
        self.labels["confidence"].setText(f"{q.confidence:.2f}")
        self.labels["status"].setText(STATUS_TEXT.get(q.status, q.status))
        self.labels["cue"].setText(html.escape(q.cue) if q.cue else "<i>none</i>")
        self.labels["mention"].setText(html.escape(q.mention) if q.mention else "<i>none</i>")
        if q.resolved_from:
            self.labels["resolved"].setText(
                f"“{html.escape(q.resolved_from)}” → {speaker}")
        else:
            self.labels["resolved"].setText("<i>named directly</i>" if q.mention else "")
        self.labels["span"].setText(f"characters {q.start}–{q.end}")

    def text_of(self, key: str) -> str:
        return self.labels[key].text()


class ArticleHeader(QLabel):
    """Title · outlet · date above the text."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("ArticleHeader")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.set_article(None)

    def set_article(self, art: dict | None) -> None:
        if art is None:
            self.setText("<i>Open an article from the library.</i>")
            return
        meta = " · ".join(html.escape(x) for x in (art.get("outlet") or "", art.get("date") or "",
                                                     art.get("url") or "") if x)
        self.setText(f"<span style='font-size:14pt; font-weight:600'>{html.escape(art.get('title') or '(untitled)')}"
                     f"</span><br><span style='color:gray'>{meta}</span>")


