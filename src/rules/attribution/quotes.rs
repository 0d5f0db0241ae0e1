//! Which offsets of the prose lie inside a (top-level) quotation.

use crate::document::Document;
use crate::finding::Span;

/// The depth-0 quotations of a document, for fast "is this offset quoted?" look-ups.
pub struct QuoteMask {
    spans: Vec<Span>,
}

impl QuoteMask {
    pub fn new(doc: &Document) -> Self {
        let mut spans: Vec<Span> = doc
            .quotes
            .iter()
            .filter(|q| q.depth == 0)
            .map(|q| q.span)
            .collect();
        spans.sort_by_key(|s| s.start);
        QuoteMask { spans }
    }
    /// A mask of these spans (sorted, not overlapping).
    pub fn from_spans(spans: Vec<Span>) -> Self {
        QuoteMask { spans }
    }
    /// The quotations over `span`, cut to it, as offsets from its start (appended to `out`).
    pub fn within(&self, span: Span, out: &mut Vec<Span>) {
        let i = self.spans.partition_point(|s| s.end <= span.start);
        for s in self.spans[i..].iter().take_while(|s| s.start < span.end) {
            out.push(Span::new(
                s.start.max(span.start) - span.start,
                s.end.min(span.end) - span.start,
            ));
        }
    }
    /// The quotations, in order.
    pub fn spans(&self) -> &[Span] {
        &self.spans
    }
    pub fn contains(&self, off: usize) -> bool {
        let i = self.spans.partition_point(|s| s.end <= off);
        self.spans.get(i).is_some_and(|s| s.start <= off)
    }
    /// The last quotation that opens before `off`.
    pub fn last_starting_before(&self, off: usize) -> Option<Span> {
        let i = self.spans.partition_point(|s| s.start < off);
        i.checked_sub(1).map(|i| self.spans[i])
    }
    pub fn overlaps(&self, span: Span) -> bool {
        let i = self.spans.partition_point(|s| s.end <= span.start);
        self.spans.get(i).is_some_and(|s| s.start < span.end)
    }
}
