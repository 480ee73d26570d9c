//! A slide over screens: blocks go onto a screen while they fit; a block that does not
//! fit starts the next screen, so a code block, table or diagram that fits on one
//! screen is never cut; a heading stays with the block after it. Only a block taller
//! than a screen is split, a screenful at a time.

use std::ops::Range;

/// Screens of at most `height` lines for blocks occupying the given consecutive line
/// ranges; `headings[i]` says block `i` is a heading. Each screen is a range of lines.
#[must_use]
pub fn paginate(blocks: &[Range<usize>], headings: &[bool], height: usize) -> Vec<Range<usize>> {
    let height = height.max(1);
    let Some(first) = blocks.first().map(|block| block.start) else {
        return Vec::new();
    };
    let mut pages = Vec::new();
    let mut page_start = first;
    // Where the screen's last block ends: blank lines after it stay off the screen.
    let mut content_end = first;
    let mut index = 0;
    while index < blocks.len() {
        // A heading and the block after it go together when together they fit (a
        // heading right before another leaves that one to go with its own block).
        let together = headings.get(index).copied().unwrap_or(false)
            && index + 1 < blocks.len()
            && !headings.get(index + 1).copied().unwrap_or(false)
            && blocks[index + 1].end - blocks[index].start <= height;
        let unit = if together {
            blocks[index].start..blocks[index + 1].end
        } else {
            blocks[index].clone()
        };
        if unit.end - page_start <= height {
            content_end = unit.end;
            index += if together { 2 } else { 1 };
            continue;
        }
        if content_end > page_start {
            pages.push(page_start..content_end);
            page_start = unit.start;
            content_end = unit.start;
            continue;
        }
        // Taller than a screen: a screenful of it, the rest goes on as a block.
        page_start = unit.start;
        let cut = page_start + height;
        pages.push(page_start..cut);
        let remaining: Vec<Range<usize>> = std::iter::once(cut..unit.end)
            .chain(blocks[index + 1..].iter().cloned())
            .collect();
        let mut remaining_headings = vec![false];
        remaining_headings.extend(headings.iter().skip(index + 1).copied());
        pages.extend(paginate(&remaining, &remaining_headings, height));
        return pages;
    }
    if content_end > page_start {
        pages.push(page_start..content_end);
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blocks of these heights laid end to end from line 0.
    fn blocks(heights: &[usize]) -> Vec<Range<usize>> {
        let mut start = 0;
        heights
            .iter()
            .map(|height| {
                let block = start..start + height;
                start += height;
                block
            })
            .collect()
    }

    #[test]
    fn what_fits_stays_on_one_screen() {
        let pages = paginate(&blocks(&[3, 4, 2]), &[false; 3], 10);
        assert_eq!((pages.len(), pages[0].clone()), (1, 0..9));
    }

    #[test]
    fn a_block_that_does_not_fit_starts_the_next_screen() {
        assert_eq!(
            paginate(&blocks(&[6, 8, 3]), &[false; 3], 10),
            [0..6, 6..14, 14..17]
        );
        assert_eq!(
            paginate(&blocks(&[6, 8, 2]), &[false; 3], 10),
            [0..6, 6..16]
        );
    }

    #[test]
    fn a_heading_goes_with_the_block_after_it() {
        let pages = paginate(&blocks(&[7, 2, 6]), &[false, true, false], 10);
        assert_eq!(pages, [0..7, 7..15]);
    }

    #[test]
    fn a_subheading_goes_with_its_block_not_with_the_heading_above() {
        let pages = paginate(&blocks(&[2, 2, 9]), &[true, true, false], 12);
        assert_eq!(pages, [0..2, 2..13]);
    }

    #[test]
    fn only_a_block_taller_than_a_screen_is_cut() {
        let pages = paginate(&blocks(&[2, 25, 3]), &[false; 3], 10);
        assert_eq!(pages, [0..2, 2..12, 12..22, 22..30]);
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
            let height = 3 + usize::try_from(next() % 20).unwrap_or(0);
            let count = 1 + usize::try_from(next() % 12).unwrap_or(0);
            let sizes: Vec<usize> = (0..count)
                .map(|_| 1 + usize::try_from(next() % 30).unwrap_or(0))
                .collect();
            let headings: Vec<bool> = (0..count).map(|_| next() % 4 == 0).collect();
            let laid = blocks(&sizes);
            let pages = paginate(&laid, &headings, height);
            // Screens tile the slide in order, none too tall.
            assert_eq!(pages.first().map(|page| page.start), Some(0));
            assert_eq!(
                pages.last().map(|page| page.end),
                laid.last().map(|block| block.end)
            );
            for pair in pages.windows(2) {
                assert_eq!(pair[0].end, pair[1].start);
            }
            for page in &pages {
                assert!(
                    !page.is_empty() && page.len() <= height,
                    "{page:?} {sizes:?} {height}"
                );
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
