//! Where things go on screen. Pure arithmetic shared by `ui` (to draw) and
//! `update` (to scroll by the number of rows actually visible).

use ratatui::layout::Rect;

/// Two header lines: identity, then the pane tabs.
pub const HEADER_LINES: u16 = 2;
/// One status line (notices, rate-limit waits) and one footer of keys.
pub const BOTTOM_LINES: u16 = 2;
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

pub fn screen(area: Rect) -> Screen {
    let header_h = HEADER_LINES.min(area.height);
    let bottom_h = BOTTOM_LINES.min(area.height - header_h);
    let body_h = area.height - header_h - bottom_h;
    let row = |y: u16, h: u16| Rect::new(area.x, y, area.width, h);
    let status_h = bottom_h.min(1);
    Screen {
        header: row(area.y, header_h),
        body: row(area.y + header_h, body_h),
        status: row(area.y + header_h + body_h, status_h),
        footer: row(area.y + header_h + body_h + status_h, bottom_h - status_h),
    }
}

fn body_height(size: (u16, u16)) -> u16 {
    screen(Rect::new(0, 0, size.0, size.1)).body.height
}

/// Item rows a list can show at terminal size `size`.
pub fn list_rows(size: (u16, u16)) -> usize {
    usize::from(body_height(size).saturating_sub(LIST_CHROME_LINES)).max(1)
}

/// Lines the detail view can show at terminal size `size`.
pub fn detail_rows(size: (u16, u16)) -> usize {
    usize::from(body_height(size).saturating_sub(DETAIL_CHROME_LINES)).max(1)
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
        let s = screen(Rect::new(0, 0, 80, 24));
        assert_eq!(s.header, Rect::new(0, 0, 80, 2));
        assert_eq!(s.body, Rect::new(0, 2, 80, 20));
        assert_eq!(s.status, Rect::new(0, 22, 80, 1));
        assert_eq!(s.footer, Rect::new(0, 23, 80, 1));
        assert_eq!(list_rows((80, 24)), 18);
        // A tiny terminal degrades instead of panicking.
        let tiny = screen(Rect::new(0, 0, 10, 3));
        assert_eq!(tiny.body.height, 0);
        assert_eq!(list_rows((10, 3)), 1);
    }
}
