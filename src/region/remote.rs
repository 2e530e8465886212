//! A municipality given as a published site: its `<url>status.json` fetched over
//! HTTP(S) with a timeout and a size limit. Whatever the site does (no answer, a
//! refusal, an HTML page, a huge body), the result is a Russian sentence, never a
//! panic.

use crate::render::status::Status;
use std::time::Duration;

/// status.json of a site with thousands of schools is well under this.
pub const SIZE_LIMIT: u64 = 4 * 1024 * 1024;

/// One agent for every fetch: connections, TLS roots and limits set once.
pub fn agent(timeout: Duration) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .user_agent(concat!("vitrina-region/", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

/// The status of the site at `url` (ending in `/`), or why it is not available.
pub fn status(agent: &ureq::Agent, url: &str, timeout: Duration) -> Result<Status, String> {
    let address = format!("{url}status.json");
    let mut response = agent
        .get(&address)
        .header("Accept", "application/json")
        .call()
        .map_err(|e| explain(&e, timeout))?;
    let code = response.status().as_u16();
    if code == 404 {
        return Err(format!(
            "по адресу {address} нет файла status.json: сайт не собран vitrina или адрес указан неверно"
        ));
    }
    if code != 200 {
        return Err(format!("сайт ответил ошибкой {code} на запрос {address}"));
    }
    let body = response
        .body_mut()
        .with_config()
        .limit(SIZE_LIMIT)
        .read_to_vec()
        .map_err(|e| explain(&e, timeout))?;
    parse(&body).map_err(|why| format!("{address}: {why}"))
}

/// A status.json body, or why it is not one.
pub fn parse(body: &[u8]) -> Result<Status, String> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let start = body.iter().find(|b| !b.is_ascii_whitespace());
    if start != Some(&b'{') {
        return Err(
            "вместо сводки status.json сайт вернул не JSON (вероятно, HTML-страницу): это не сайт vitrina"
                .into(),
        );
    }
    let value: serde_json::Value =
        serde_json::from_slice(body).map_err(|e| format!("файл status.json повреждён: {e}"))?;
    if value["generator"]["name"] != "vitrina" {
        return Err("файл status.json сделан не vitrina".into());
    }
    serde_json::from_value(value).map_err(|e| format!("файл status.json неизвестного формата: {e}"))
}

fn explain(e: &ureq::Error, timeout: Duration) -> String {
    use ureq::Error;
    match e {
        Error::Timeout(_) => format!(
            "сайт не ответил за {} с (превышено время ожидания)",
            timeout.as_secs()
        ),
        Error::HostNotFound => "сайт не найден: такого адреса нет (проверьте url)".into(),
        Error::ConnectionFailed => "не удалось подключиться к сайту".into(),
        Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "сайт отказал в подключении (сервер не работает)".into()
        }
        Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => format!(
            "сайт не ответил за {} с (превышено время ожидания)",
            timeout.as_secs()
        ),
        // The system resolver's failure arrives as a plain I/O error.
        Error::Io(io) if io.to_string().contains("lookup") => {
            "сайт не найден: такого адреса нет (проверьте url)".into()
        }
        Error::Io(io) => format!("сайт недоступен: {io}"),
        Error::BodyExceedsLimit(_) => format!(
            "ответ сайта больше {} МБ: это не сводка status.json",
            SIZE_LIMIT / 1024 / 1024
        ),
        Error::Tls(_) | Error::Rustls(_) => {
            "ошибка защищённого соединения (HTTPS): сертификат сайта не принят".into()
        }
        Error::BadUri(_) => "адрес сайта записан неверно".into(),
        other => format!("не удалось получить сводку: {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn html_and_foreign_json_are_not_a_vitrina_status() {
        let html = parse(b"\n<!DOCTYPE html><html></html>").unwrap_err();
        assert!(html.contains("не JSON"), "{html}");
        let foreign = parse(br#"{"generator": {"name": "hugo"}}"#).unwrap_err();
        assert!(foreign.contains("не vitrina"), "{foreign}");
        let old = parse(br#"{"generator": {"name": "vitrina", "version": "0.0.1"}}"#).unwrap_err();
        assert!(old.contains("неизвестного формата"), "{old}");
        let broken = parse(b"{\"generator\": ").unwrap_err();
        assert!(broken.contains("повреждён"), "{broken}");
    }
}
