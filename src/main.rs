fn main() {
    backup_console::mount();
}
