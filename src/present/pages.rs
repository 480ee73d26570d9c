//! A slide over screens: blocks go onto a screen while they fit; a block that does not
//! fit starts the next screen, so a code block, table or diagram that fits on one
//! screen is never cut; a heading stays with the block after it. A block taller than a
//! screen is cut into parts of about equal size, none under a third of a screen (no
//! screen of a closing border or a three-line tail), and a framed block's part after
//! the first keeps a row for the repeated header (`yaml (続き)`). A diagram taller than a
//! screen is not cut: it gets screens of its own, its picture's rows shown a view at a
//! time (`diagram_screens`).

use std::ops::Range;

/// A block of a slide as pagination sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageBlock {
    /// The lines it occupies (blocks are consecutive).
    pub lines: Range<usize>,
    pub heading: bool,
    /// Drawn in a frame with a label (code, diagram): a continued part gets a header.
    pub framed: bool,
    /// A diagram drawn as a picture: taller than a screen, it gets screens of its own,
    /// shown in the diagram view a screen's rows (less the view's border) at a time.
    pub alone: bool,
}

/// Screens of at most `height` lines, each a range of lines; a screen that starts inside
/// a framed block holds one line less (its header is drawn above).
#[must_use]
pub fn paginate(blocks: &[PageBlock], height: usize) -> Vec<Range<usize>> {
    pages_from(blocks, height.max(1), 0)
}

/// Pages of `blocks`, the first holding `reserve` lines less.
fn pages_from(blocks: &[PageBlock], height: usize, reserve: usize) -> Vec<Range<usize>> {
    let Some(first) = blocks.first().map(|block| block.lines.start) else {
        return Vec::new();
    };
    let third = height.div_ceil(3);
    let mut pages = Vec::new();
    let mut page_start = first;
    // Where the screen's last block ends: blank lines after it stay off the screen.
    let mut content_end = first;
    let mut index = 0;
    while index < blocks.len() {
        let capacity = if pages.is_empty() {
            height.saturating_sub(reserve).max(1)
        } else {
            height
        };
        let Unit {
            lines: unit,
            framed,
            blocks: taken,
            lead,
        } = Unit::at(blocks, index, height);
        if unit.end - page_start <= capacity {
            content_end = unit.end;
            index += taken;
            continue;
        }
        if unit.len() <= height && content_end > page_start {
            pages.push(page_start..content_end);
            page_start = unit.start;
            content_end = unit.start;
            continue;
        }
        let main = &blocks[index + taken - 1];
        if main.alone && main.lines.len() > height {
            // A heading before it closes the screen before.
            let before = main.lines.start;
            if before > page_start {
                pages.push(page_start..before);
            }
            pages.extend(diagram_screens(main.lines.clone(), height));
            page_start = main.lines.end;
            content_end = main.lines.end;
            index += taken;
            continue;
        }
        // Taller than a screen: cut into parts; the last goes on with what follows.
        let room_next = height - usize::from(framed && height > 1);
        // The blank lines between the screen's last block and this one count too.
        let room_here = capacity.saturating_sub(unit.start - page_start);
        let shared = content_end > page_start;
        let Some(parts) = cut(unit.len(), lead, (room_here, room_next), third, shared) else {
            pages.push(page_start..content_end);
            page_start = unit.start;
            content_end = unit.start;
            continue;
        };
        let mut at = unit.start;
        for part in &parts[..parts.len() - 1] {
            at += part;
            pages.push(page_start..at);
            page_start = at;
        }
        // The last part goes on with what follows, as if it were a block of its own.
        let mut rest = vec![PageBlock {
            lines: at..unit.end,
            heading: false,
            framed,
            alone: false,
        }];
        rest.extend(blocks[index + taken..].iter().cloned());
        pages.extend(pages_from(&rest, height, room_next.abs_diff(height)));
        return pages;
    }
    if content_end > page_start {
        pages.push(page_start..content_end);
    }
    pages
}

/// The parts a unit of `length` lines (`lead` of them its heading's) is cut into, with
/// `room` lines left on this screen and a whole next one; `None` when it should rather
/// start the next screen, as it shares this one with blocks before it.
fn cut(
    length: usize,
    lead: usize,
    (room_here, room_next): (usize, usize),
    third: usize,
    shared: bool,
) -> Option<Vec<usize>> {
    // With its heading, the block's own part on this screen must not be a sliver.
    match split(
        length - lead,
        room_here.saturating_sub(lead),
        room_next,
        third,
        shared || lead > 0,
    ) {
        Some(mut parts) => {
            parts[0] += lead;
            Some(parts)
        }
        None if shared => None,
        // A screen too small for a heading and a third of its block.
        None => Some(even(length, room_next.max(1))),
    }
}

/// The screens of a diagram taller than a screen: its picture's rows (inside its frame's
/// first and last line), as many as the diagram view shows inside its border.
#[must_use]
pub fn diagram_screens(lines: Range<usize>, height: usize) -> Vec<Range<usize>> {
    let rows = height.saturating_sub(2).max(1);
    let picture = lines.start + 1..lines.end.saturating_sub(1).max(lines.start + 1);
    (picture.start..picture.end)
        .step_by(rows)
        .map(|start| start..(start + rows).min(picture.end))
        .collect()
}

/// What goes on a screen as one: a block, or a heading with the block after it.
struct Unit {
    lines: Range<usize>,
    /// Drawn in a frame (its header repeats on the next screen).
    framed: bool,
    /// Blocks it takes: 1, or 2 for a heading with its block.
    blocks: usize,
    /// Lines of the heading in front of the block, 0 for a block alone.
    lead: usize,
}

impl Unit {
    /// The unit starting at `blocks[index]` on screens of `height` lines. A heading and
    /// the block after it go as one when together they fit on a screen, or when the
    /// block will be cut anyway (a heading right before another leaves that one to go
    /// with its own block).
    fn at(blocks: &[PageBlock], index: usize, height: usize) -> Self {
        let block = &blocks[index];
        let together = block.heading
            && block.lines.len() <= height.div_ceil(3)
            && blocks.get(index + 1).is_some_and(|next| {
                !next.heading
                    && (next.lines.end - block.lines.start <= height || next.lines.len() > height)
            });
        match blocks.get(index + 1).filter(|_| together) {
            Some(next) => Self {
                lines: block.lines.start..next.lines.end,
                framed: next.framed,
                blocks: 2,
                lead: block.lines.len(),
            },
            None => Self {
                lines: block.lines.clone(),
                framed: block.framed,
                blocks: 1,
                lead: 0,
            },
        }
    }
}

/// The sizes of the parts a block of `length` lines is cut into: the first in the
/// `room_here` left on a screen that already holds something (`shared`), else on a
/// screen of its own; the others at most `room_next`. `None` when the room left is
/// under a third of a screen: the block starts the next screen instead.
fn split(
    length: usize,
    room_here: usize,
    room_next: usize,
    third: usize,
    shared: bool,
) -> Option<Vec<usize>> {
    if !shared {
        return Some(even(length, room_next.max(1)));
    }
    // The rest must not be a sliver either.
    let first = room_here.min(length.saturating_sub(third));
    if first < third {
        return None;
    }
    let mut parts = vec![first];
    parts.extend(even(length - first, room_next.max(1)));
    Some(parts)
}

/// `total` lines in as few parts of at most `room` as there can be, of about equal size.
fn even(total: usize, room: usize) -> Vec<usize> {
    let count = total.div_ceil(room).max(1);
    (0..count)
        .map(|part| total / count + usize::from(part < total % count))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blocks of these heights laid end to end from line 0, headings where marked.
    fn blocks_with(heights: &[usize], headings: &[bool], framed: bool) -> Vec<PageBlock> {
        let mut start = 0;
        heights
            .iter()
            .zip(headings)
            .map(|(height, heading)| {
                let block = PageBlock {
                    lines: start..start + height,
                    heading: *heading,
                    framed,
                    alone: false,
                };
                start += height;
                block
            })
            .collect()
    }

    fn paged(heights: &[usize], headings: &[bool], height: usize) -> Vec<Range<usize>> {
        paginate(&blocks_with(heights, headings, false), height)
    }

    #[test]
    fn what_fits_stays_on_one_screen() {
        let pages = paged(&[3, 4, 2], &[false; 3], 10);
        assert_eq!((pages.len(), pages[0].clone()), (1, 0..9));
    }

    #[test]
    fn a_block_that_does_not_fit_starts_the_next_screen() {
        assert_eq!(paged(&[6, 8, 3], &[false; 3], 10), [0..6, 6..14, 14..17]);
        assert_eq!(paged(&[6, 8, 2], &[false; 3], 10), [0..6, 6..16]);
    }

    #[test]
    fn a_heading_goes_with_the_block_after_it() {
        let pages = paged(&[7, 2, 6], &[false, true, false], 10);
        assert_eq!(pages, [0..7, 7..15]);
    }

    #[test]
    fn a_heading_before_a_tall_block_is_cut_with_it_not_left_behind() {
        // 15 lines, a heading, a block of 30 on screens of 20: the heading starts the
        // next screen with as much of the block as fits.
        let pages = paged(&[15, 2, 30], &[false, true, false], 20);
        assert_eq!(pages, [0..15, 15..35, 35..47]);
    }

    #[test]
    fn a_heading_never_ends_a_screen_when_its_block_fits_the_next() {
        let pages = paged(&[15, 2, 10], &[false, true, false], 20);
        assert_eq!(pages, [0..15, 15..27]);
    }

    #[test]
    fn a_subheading_goes_with_its_block_not_with_the_heading_above() {
        let pages = paged(&[2, 2, 9], &[true, true, false], 12);
        assert_eq!(pages, [0..2, 2..13]);
    }

    #[test]
    fn only_a_block_taller_than_a_screen_is_cut_into_even_parts() {
        // 25 lines after 2: 8 fill the first screen, the other 17 go 9 and 8.
        let pages = paged(&[2, 25, 3], &[false; 3], 10);
        assert_eq!(pages, [0..10, 10..19, 19..27, 27..30]);
        // One line too tall: two halves, not a screen and a closing border.
        assert_eq!(paged(&[31], &[false], 30), [0..16, 16..31]);
    }

    #[test]
    fn a_continued_framed_block_keeps_a_row_for_its_header() {
        let pages = paginate(&blocks_with(&[25], &[false], true), 10);
        // Parts of at most 9 lines after the first (the header takes a row).
        assert_eq!(pages, [0..9, 9..17, 17..25]);
    }

    #[test]
    fn a_tall_block_does_not_leave_a_sliver_of_itself_on_a_shared_screen() {
        // Two lines of room after 8: under a third of 10, so the block starts anew.
        assert_eq!(paged(&[8, 15], &[false; 2], 10), [0..8, 8..16, 16..23]);
    }

    #[test]
    fn generated_blocks_are_never_cut_when_they_fit() {
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..500 {
            let mut next = || {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                seed
            };
            // The presenter's text is at least 9 rows (a 12-row terminal).
            let height = 9 + usize::try_from(next() % 20).unwrap_or(0);
            let count = 1 + usize::try_from(next() % 12).unwrap_or(0);
            let headings: Vec<bool> = (0..count).map(|_| next() % 4 == 0).collect();
            // A heading is a line or two (with its rule); other blocks any size.
            let sizes: Vec<usize> = headings
                .iter()
                .map(|heading| {
                    let most = if *heading { 2 } else { 30 };
                    1 + usize::try_from(next() % most).unwrap_or(0)
                })
                .collect();
            let framed = next() % 2 == 0;
            let laid_out = blocks_with(&sizes, &headings, framed);
            let laid: Vec<Range<usize>> =
                laid_out.iter().map(|block| block.lines.clone()).collect();
            let pages = paginate(&laid_out, height);
            // Screens tile the slide in order, none too tall.
            assert_eq!(pages.first().map(|page| page.start), Some(0));
            assert_eq!(
                pages.last().map(|page| page.end),
                laid.last().map(|block| block.end)
            );
            for pair in pages.windows(2) {
                assert_eq!(pair[0].end, pair[1].start);
            }
            let third = height.div_ceil(3);
            for page in &pages {
                // A screen that starts inside a framed block shows its header too.
                let inside = laid
                    .iter()
                    .any(|block| block.start < page.start && page.start < block.end);
                let room = height - usize::from(inside && framed);
                assert!(
                    !page.is_empty() && page.len() <= room,
                    "{page:?} {sizes:?} {height}"
                );
                // No part of a cut block is a sliver.
                for block in laid.iter().filter(|block| block.len() > height) {
                    let share = block
                        .end
                        .min(page.end)
                        .saturating_sub(block.start.max(page.start));
                    assert!(
                        share == 0 || share >= third.min(block.len()),
                        "{page:?} holds {share} of {block:?} ({sizes:?} {headings:?} {framed}, {height}): {pages:?}"
                    );
                }
            }
            // A boundary falls inside a block only when that block is taller than a screen.
            for page in &pages[..pages.len() - 1] {
                if let Some(block) = laid
                    .iter()
                    .find(|block| block.start < page.end && page.end < block.end)
                {
                    assert!(
                        block.len() > height,
                        "{block:?} cut at {} ({sizes:?}, {height})",
                        page.end
                    );
                }
            }
        }
    }
}
