//! The list's own rules, on rows that are only an ID, a text and a number.

use std::sync::Arc;

use super::*;
use crate::model::ListKind;
use crate::model::filter::search_key;
use crate::model::rows::{InlineText, Interner, Row};
use crate::model::sort::{SortKey, SortState};

#[derive(Debug, Clone, PartialEq)]
struct Item {
    id: Arc<str>,
    text: String,
    group: u8,
    expires: i64,
    search: Box<str>,
}

impl Row for Item {
    fn id(&self) -> &str {
        &self.id
    }
    fn intern(self, _: &mut Interner) -> Self {
        self
    }
}

fn item(id: &str, text: &str, group: u8, expires: i64) -> Item {
    Item {
        id: Arc::from(id),
        text: text.to_owned(),
        group,
        expires,
        search: search_key(&[id, text]),
    }
}

fn keys(item: &Item) -> RowKeys {
    RowKeys {
        group: item.group,
        expires: item.expires,
        when: 0,
        org: InlineText::from(item.text.as_str()),
        ..RowKeys::default()
    }
}

/// The list's keys of an item: sorted by its text, found by its ID and text.
fn keying() -> Keying<'static, Item> {
    Keying::new(keys, |item: &Item| item.search.clone())
}

fn loaded(items: Vec<Item>, labels: &'static [&'static str]) -> ListData<Item> {
    let mut list = ListData {
        labels,
        ..Default::default()
    };
    list.begin_load(0);
    list.add_page(items, None, true, 0, &keying());
    list
}

fn ids(list: &ListData<Item>) -> Vec<&str> {
    list.view
        .iter()
        .map(|&i| &*list.items[i as usize].id)
        .collect()
}

fn sectioned() -> ListData<Item> {
    let items = (0..10)
        .map(|n| item(&format!("R{n}"), "x", u8::from(n >= 3), n))
        .collect();
    loaded(items, &["A", "B"])
}

#[test]
fn headings_take_a_line_each() {
    let list = sectioned();
    assert_eq!(list.line_count(), 12);
    assert_eq!(list.display_line(0), Some(DisplayLine::Heading(0)));
    assert_eq!(list.display_line(1), Some(DisplayLine::Row(0)));
    assert_eq!(list.display_line(4), Some(DisplayLine::Heading(1)));
    assert_eq!(list.display_line(5), Some(DisplayLine::Row(3)));
    assert_eq!(list.display_line(11), Some(DisplayLine::Row(9)));
    assert_eq!(list.display_line(12), None);
    assert_eq!(list.line_of(3), 5);
    assert_eq!(list.group_totals, [3, 7]);
}

#[test]
fn scrolling_keeps_the_selection_and_its_heading_visible() {
    let mut list = sectioned();
    list.move_by(9, 4);
    assert_eq!(list.selected, 9);
    assert_eq!(list.offset, 8);
    list.move_by(-6, 4);
    assert_eq!(list.selected, 3);
    assert_eq!(list.offset, 4, "the heading of section B shows too");
    list.move_by(-100, 4);
    assert_eq!((list.selected, list.offset), (0, 0));
}

#[test]
fn pages_stream_in_sorted_without_a_full_sort_each() {
    let mut list = ListData::default();
    list.begin_load(0);
    list.add_page(
        vec![item("A", "", 0, 30), item("B", "", 0, 10)],
        Some(4),
        false,
        1,
        &keying(),
    );
    assert!(list.is_loading());
    assert_eq!(list.fetched, 2);
    list.add_page(
        vec![item("C", "", 0, 20), item("D", "", 0, 5)],
        None,
        true,
        2,
        &keying(),
    );
    assert_eq!(ids(&list), ["D", "B", "C", "A"]);
    assert_eq!((list.loaded_at, list.total), (Some(2), Some(4)));
    assert!(list.fresh.is_empty(), "a first load has nothing new");
}

#[test]
fn a_refresh_keeps_selection_marks_and_scroll_on_the_same_items() {
    let items: Vec<Item> = (0..20)
        .map(|n| item(&format!("R{n:02}"), "", 0, n * 10 + 10))
        .collect();
    let mut list = loaded(items.clone(), &[]);
    list.select(12, 5);
    let screen_row = list.line_of(list.selected) - list.offset;
    list.marks.insert(Arc::from("R12"));
    list.marks.insert(Arc::from("R03"));
    // The refresh: R03 was decided elsewhere, R00 and R01 sort before R12
    // now comes a new R99 sorting first; everything else is unchanged.
    let mut fresh: Vec<Item> = items.into_iter().filter(|i| &*i.id != "R03").collect();
    fresh.push(item("R99", "", 0, 5));
    list.begin_load(10);
    list.add_page(fresh[..10].to_vec(), Some(20), false, 11, &keying());
    assert_eq!(list.items.len(), 20, "old rows stay while the refresh runs");
    assert_eq!(&*list.selected_item().unwrap().id, "R12");
    list.add_page(fresh[10..].to_vec(), None, true, 12, &keying());
    assert_eq!(&*list.selected_item().unwrap().id, "R12");
    assert_eq!(list.line_of(list.selected) - list.offset, screen_row);
    assert!(list.find("R03").is_none(), "it left Slack's list");
    assert!(list.is_marked("R12"));
    assert!(!list.is_marked("R03"), "its mark went with it");
    assert_eq!(list.fresh.len(), 1);
    assert!(list.fresh.contains("R99"));
    assert_eq!(ids(&list)[0], "R99");
}

#[test]
fn cached_rows_never_override_fresh_ones_and_go_when_unconfirmed() {
    let mut list = ListData::default();
    list.begin_load(0);
    list.add_page(vec![item("A", "fresh", 0, 1)], None, false, 1, &keying());
    list.add_cached(
        vec![item("A", "stale", 0, 1), item("B", "stale", 0, 2)],
        -100,
        &keying(),
    );
    assert_eq!(list.find("A").unwrap().text, "fresh");
    assert!(list.find("B").is_some());
    assert_eq!(list.cached_at, None, "fresh pages had arrived");
    list.add_page(Vec::new(), None, true, 2, &keying());
    assert!(list.find("B").is_none(), "the refresh did not list it");
}

#[test]
fn removing_an_item_keeps_the_view_consistent() {
    let mut list = loaded(
        vec![
            item("A", "", 0, 3),
            item("B", "", 0, 1),
            item("C", "", 0, 2),
        ],
        &[],
    );
    assert_eq!(ids(&list), ["B", "C", "A"]);
    list.move_by(1, 10);
    list.remove("C");
    assert_eq!(ids(&list), ["B", "A"]);
    assert_eq!(
        &*list.selected_item().unwrap().id,
        "A",
        "the next row slides in"
    );
    assert_eq!(list.find("A").unwrap().expires, 3);
    list.remove("B");
    assert_eq!(ids(&list), ["A"]);
}

#[test]
fn filtering_narrows_incrementally_and_widens_again() {
    let mut list = loaded(
        vec![
            item("A", "acme ops", 0, 1),
            item("B", "acme billing", 0, 2),
            item("C", "globex", 0, 3),
        ],
        &[],
    );
    list.set_filter("ac");
    assert_eq!(ids(&list), ["A", "B"]);
    list.set_filter("acme b");
    assert_eq!(ids(&list), ["B"]);
    list.set_filter("acme");
    assert_eq!(ids(&list), ["A", "B"]);
    list.set_filter("-acme");
    assert_eq!(ids(&list), ["C"]);
    list.set_filter("");
    assert_eq!(ids(&list), ["A", "B", "C"]);
}

#[test]
fn a_resort_keeps_a_moved_selection_on_its_item_and_the_top_at_the_top() {
    let mut list = loaded(
        vec![
            item("A", "c", 0, 1),
            item("B", "b", 0, 2),
            item("C", "a", 0, 3),
        ],
        &[],
    );
    let by_org = SortState {
        key: SortKey::Org,
        reversed: false,
    };
    list.set_sort(by_org);
    assert_eq!(ids(&list), ["C", "B", "A"]);
    assert_eq!(list.selected, 0, "not moved: stays at the top");
    list.move_by(1, 10);
    list.set_sort(SortState::default_for(ListKind::Invites));
    assert_eq!(
        &*list.selected_item().unwrap().id,
        "B",
        "moved: follows its item"
    );
}

#[test]
fn marks_toggle_and_star_marks_every_match() {
    let mut list = loaded(
        vec![
            item("A", "acme", 0, 1),
            item("B", "acme", 0, 2),
            item("C", "x", 0, 3),
        ],
        &[],
    );
    list.toggle_mark(10);
    assert!(list.is_marked("A"));
    assert_eq!(list.selected, 1, "Space moves on");
    list.set_filter("acme");
    assert_eq!(list.mark_all_shown(), (1, true));
    assert_eq!(list.marks.len(), 2);
    list.set_filter("");
    assert_eq!(list.marked_hidden(), 0);
    list.set_filter("x");
    assert_eq!(list.marked_hidden(), 2);
    let marked: Vec<&str> = list.marked_rows().iter().map(|r| &*r.id).collect();
    assert_eq!(marked, ["A", "B"]);
    list.set_filter("acme");
    assert_eq!(list.mark_all_shown(), (2, false), "all marked: * unmarks");
}

#[test]
fn renamed_and_dropped_rows_sort_by_their_new_names_and_the_old_ones_go() {
    let by_org = SortState {
        key: SortKey::Org,
        reversed: false,
    };
    let mut list = loaded(
        vec![
            item("R1", "delta", 0, 1),
            item("R2", "bravo", 0, 1),
            item("R3", "echo", 0, 1),
            item("R4", "alpha", 0, 1),
        ],
        &[],
    );
    list.set_sort(by_org);
    assert_eq!(ids(&list), ["R4", "R2", "R1", "R3"]);
    // A refresh renames R1 and R2 and drops R3; R4 comes back unchanged.
    list.begin_load(1);
    let page = vec![
        item("R1", "Able", 0, 1),
        item("R2", "zulu", 0, 1),
        item("R4", "alpha", 0, 1),
    ];
    list.add_page(page, None, true, 1, &keying());
    assert_eq!(
        ids(&list),
        ["R1", "R4", "R2"],
        "case is ignored: Able < alpha"
    );
    // The empty name, and the three names still in use.
    assert_eq!(list.sort_names.len(), 4);
    assert_eq!(list.position("R3"), None);
    assert_eq!(list.position("R2"), Some(1));
    assert!(list.remove("R1").is_some());
    assert_eq!(ids(&list), ["R4", "R2"]);
    assert_eq!(
        (list.position("R4"), list.position("R2")),
        (Some(0), Some(1))
    );
}

#[test]
fn keeping_the_matched_rows_keeps_their_order() {
    let matched = [true, false, true, true, false];
    let mut view: Vec<ItemIndex> = vec![4, 3, 2, 1, 0];
    keep_matched(&mut view, &matched);
    assert_eq!(view, [3, 2, 0]);
    let mut none: Vec<ItemIndex> = vec![1, 4];
    keep_matched(&mut none, &matched);
    assert!(none.is_empty());
}
