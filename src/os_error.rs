//! Operating-system errors in Russian. `std::io::Error` prints English
//! («Permission denied (os error 13)», «No space left on device»); every message
//! vitrina shows is Russian, with the file it concerns said by the caller.

use std::io::{Error, ErrorKind};

/// What went wrong, in Russian, for a message «не удалось … ФАЙЛ: {this}».
pub fn describe(e: &Error) -> String {
    if let Some(code) = e.raw_os_error() {
        if let Some(text) = by_code(code) {
            return text.to_string();
        }
    } else if e.get_ref().is_some() {
        // Made by vitrina itself (in Russian) or wrapped by a library: its text.
        return e.to_string();
    }
    let text = match e.kind() {
        ErrorKind::NotFound => "файл или папка не найдены",
        ErrorKind::PermissionDenied => "нет прав доступа",
        ErrorKind::AlreadyExists => "такой файл или папка уже есть",
        ErrorKind::InvalidData => "данные повреждены или не в кодировке UTF-8",
        ErrorKind::UnexpectedEof => "файл оборвался раньше, чем ожидалось",
        ErrorKind::TimedOut => "превышено время ожидания",
        ErrorKind::AddrInUse => "этот порт уже занят другой программой",
        ErrorKind::AddrNotAvailable => "такого адреса нет на этом компьютере",
        ErrorKind::OutOfMemory => "не хватило памяти",
        ErrorKind::Interrupted => "операция прервана",
        ErrorKind::WriteZero => "не удалось записать данные",
        _ => "",
    };
    if !text.is_empty() {
        return text.to_string();
    }
    match e.raw_os_error() {
        Some(code) => format!("системная ошибка с кодом {code}"),
        None => "системная ошибка".to_string(),
    }
}

/// Linux (and macOS, for the shared codes) error numbers vitrina meets.
fn by_code(code: i32) -> Option<&'static str> {
    Some(match code {
        1 | 13 => "нет прав доступа",
        2 => "файл или папка не найдены",
        5 => "ошибка ввода-вывода (возможно, неисправен диск или флешка извлечена)",
        12 => "не хватило памяти",
        16 => "файл или папка заняты другой программой",
        17 => "такой файл или папка уже есть",
        18 => "нельзя переместить между разными дисками",
        20 => "часть пути — файл, а не папка",
        21 => "это папка, а не файл",
        23 | 24 => "открыто слишком много файлов",
        26 => "файл занят: его сейчас выполняет программа",
        27 => "файл слишком большой",
        28 => "на диске нет места",
        30 => "диск доступен только для чтения",
        31 => "слишком много ссылок на файл",
        36 => "слишком длинное имя файла или путь",
        39 => "папка не пуста",
        40 => "слишком много символических ссылок (возможно, ссылка указывает сама на себя)",
        98 => "этот порт уже занят другой программой",
        99 => "такого адреса нет на этом компьютере",
        110 => "превышено время ожидания",
        122 => "превышена квота на диске",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_errors_read_in_russian() {
        for (code, part) in [
            (13, "нет прав"),
            (28, "нет места"),
            (36, "длинное имя"),
            (2, "не найдены"),
        ] {
            let text = describe(&Error::from_raw_os_error(code));
            assert!(text.contains(part), "{code}: {text}");
            assert!(!text.is_ascii(), "{code}: {text}");
        }
        assert_eq!(
            describe(&Error::other("недопустимый путь")),
            "недопустимый путь"
        );
        assert!(describe(&Error::from_raw_os_error(9999)).contains("9999"));
    }
}
