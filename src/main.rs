fn main() {
    std::process::exit(vitrina::cli::run());
}
