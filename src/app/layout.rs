//! Where things go on screen. Pure arithmetic shared by `ui` (to draw) and
//! `update` (to scroll by the number of rows actually visible).

use ratatui::layout::Rect;

/// Two header lines: identity, then the pane tabs.
pub const HEADER_LINES: u16 = 2;
/// The status line (notices, rate-limit waits) grows up to this many lines
/// so an error's plain words are never cut off; the footer of keys is one.
pub const MAX_STATUS_LINES: u16 = 3;
/// Inside the body: the pane title and the column headings.
pub const LIST_CHROME_LINES: u16 = 2;
/// Inside the body in the detail view: its title.
pub const DETAIL_CHROME_LINES: u16 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    pub header: Rect,
    pub body: Rect,
    pub status: Rect,
    pub footer: Rect,
}

/// The screen's areas with a status area of `status_lines` lines.
pub fn screen(area: Rect, status_lines: u16) -> Screen {
    let header_h = HEADER_LINES.min(area.height);
    let wanted_bottom = status_lines.clamp(1, MAX_STATUS_LINES) + 1;
    let bottom_h = wanted_bottom.min(area.height - header_h);
    let body_h = area.height - header_h - bottom_h;
    let row = |y: u16, h: u16| Rect::new(area.x, y, area.width, h);
    // The footer goes first when there is no room for both.
    let status_h = bottom_h.saturating_sub(1).max(bottom_h.min(1));
    Screen {
        header: row(area.y, header_h),
        body: row(area.y + header_h, body_h),
        status: row(area.y + header_h + body_h, status_h),
        footer: row(area.y + header_h + body_h + status_h, bottom_h - status_h),
    }
}

fn body_height(size: (u16, u16), status_lines: u16) -> u16 {
    screen(Rect::new(0, 0, size.0, size.1), status_lines)
        .body
        .height
}

/// Item rows a list can show at terminal size `size`.
pub fn list_rows(size: (u16, u16), status_lines: u16) -> usize {
    usize::from(body_height(size, status_lines).saturating_sub(LIST_CHROME_LINES)).max(1)
}

/// Lines the detail view can show at terminal size `size`.
pub fn detail_rows(size: (u16, u16), status_lines: u16) -> usize {
    usize::from(body_height(size, status_lines).saturating_sub(DETAIL_CHROME_LINES)).max(1)
}

/// Lines of a batch plan or report outside its scrolling list: the box's
/// border, the summary above the list and the keys below it.
pub const PLAN_CHROME_LINES: u16 = 8;

/// Lines of list a batch plan or report shows at terminal size `size`.
pub fn dialog_rows(size: (u16, u16)) -> usize {
    usize::from(size.1.saturating_sub(PLAN_CHROME_LINES)).max(1)
}

/// A box of at most `width` x `height` centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_tile_the_screen_without_overlap() {
        let s = screen(Rect::new(0, 0, 80, 24), 1);
        assert_eq!(s.header, Rect::new(0, 0, 80, 2));
        assert_eq!(s.body, Rect::new(0, 2, 80, 20));
        assert_eq!(s.status, Rect::new(0, 22, 80, 1));
        assert_eq!(s.footer, Rect::new(0, 23, 80, 1));
        assert_eq!(list_rows((80, 24), 1), 18);
        // A long notice takes lines from the body, never from the footer.
        let s = screen(Rect::new(0, 0, 80, 24), 3);
        assert_eq!((s.body.height, s.status.height, s.footer.y), (18, 3, 23));
        assert_eq!(list_rows((80, 24), 9), 16);
        // A tiny terminal degrades instead of panicking.
        let tiny = screen(Rect::new(0, 0, 10, 3), 3);
        assert_eq!(tiny.body.height, 0);
        assert_eq!(list_rows((10, 3), 1), 1);
    }
}
