mod tui_support;

use tui_support::Session;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn show_screens() {
    let mut s = Session::demo(80, 24).await;
    println!("{}", s.settle().await);
    for k in [
        "2", "3", "4", "1 Enter", "Esc a", "Esc 2 a", "Esc d", "Esc 4 X", "Esc 3 X", "Esc ?",
    ] {
        s.press(k);
        println!("{}", s.settle().await);
    }
    s.quit().await;
}
