//! Reading numbers the way Chinese users type them (SPEC §7), and writing them back for display.

use std::borrow::Cow;

/// The longest text read as a number, in characters: a number or an id is never longer, and anything longer
/// is refused before any work is done on it (the host boundary refuses it before it is even copied).
pub const MAX_TEXT_CHARS: usize = 256;

/// Why a typed text is not a number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// Nothing but spaces (or only a unit).
    Empty,
    /// Letters or Chinese characters other than a unit or 万.
    Letters,
    /// More than one decimal point.
    TwoDecimalPoints,
    /// A minus sign: no quantity here can be negative.
    Negative,
    /// A thousands separator that does not stand between groups of three digits (`12,5`, `1250 1`):
    /// never guessed at, since `12,5` may mean 12.5. `after` is the text before the misplaced separator.
    MisplacedSeparator { after: String },
    /// More than [`MAX_TEXT_CHARS`] characters (`chars` of them).
    TooLong { chars: usize },
    /// Any other character, or a number with no digits.
    Invalid,
}

/// Units a user may type after a number; longest first so "平方米" is not read as "米".
const UNITS: &[&str] = &["平方米", "平米", "m²", "m2", "M²", "M2", "㎡", "户", "人"];

/// Parses typed text: ASCII and full-width digits, thousands separators (`,` `，` spaces, thin spaces)
/// between groups of three digits only, one decimal point (`.` `．`), a trailing unit, and 万 as ×10,000.
/// Byte-order marks and zero-width characters (pasted from documents) are ignored. Exact for what it
/// accepts: the digits are shifted for 万 as text, so "1.2万" is exactly 12000.
pub fn parse_number(text: &str) -> Result<f64, ParseError> {
    if text.chars().nth(MAX_TEXT_CHARS).is_some() {
        return Err(ParseError::TooLong {
            chars: text.chars().count(),
        });
    }
    // Most text needs no normalising: copy it only when it does (a batch reads this per cell).
    let normalised: Cow<str> = if text
        .chars()
        .all(|c| !is_invisible(c) && normalise_char(c) == c)
    {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(
            text.chars()
                .filter(|c| !is_invisible(*c))
                .map(normalise_char)
                .collect(),
        )
    };
    let mut rest = normalised.trim_matches(is_space);
    if rest.is_empty() {
        return Err(ParseError::Empty);
    }
    if let Some(unit) = UNITS.iter().find(|u| rest.ends_with(*u)) {
        rest = rest[..rest.len() - unit.len()].trim_end_matches(is_space);
    }
    let mut shift = 0;
    if let Some(stripped) = rest.strip_suffix('万') {
        rest = stripped.trim_end_matches(is_space);
        shift = 4;
    }
    if rest.is_empty() {
        return Err(ParseError::Empty);
    }

    // The digits, integer part then fraction, on the stack: at most MAX_TEXT_CHARS of them, plus the
    // zeros 万 appends.
    let mut digits = [0u8; MAX_TEXT_CHARS + 4];
    let mut count = 0;
    let mut integer_digits = 0;
    let mut seen_point = false;
    let mut groups = Grouping::default();
    for (at, c) in rest.char_indices() {
        match c {
            '0'..='9' => {
                // Never more than MAX_TEXT_CHARS (the length is checked above): held, not assumed.
                if count == MAX_TEXT_CHARS {
                    return Err(ParseError::TooLong { chars: count + 1 });
                }
                digits[count] = c as u8;
                count += 1;
                if !seen_point {
                    integer_digits += 1;
                    groups.digit();
                }
            }
            '.' if seen_point => return Err(ParseError::TwoDecimalPoints),
            '.' => {
                groups.end(rest)?;
                seen_point = true;
            }
            ',' if !seen_point => groups.separator(rest, at)?,
            c if is_space(c) && !seen_point => groups.separator(rest, at)?,
            _ => return Err(worst(rest)),
        }
    }
    if !seen_point {
        groups.end(rest)?;
    }
    if count == 0 {
        return Err(ParseError::Invalid);
    }
    // Shift the decimal point right for 万 on the digits themselves.
    let moved = shift.min(count - integer_digits);
    let zeros = shift - moved;
    digits[count..count + zeros].fill(b'0');
    let (integer, fraction) = if zeros > 0 {
        (&digits[..count + zeros], &[][..])
    } else {
        digits[..count].split_at(integer_digits + moved)
    };
    decimal_value(integer, fraction).ok_or(ParseError::Invalid)
}

/// Checks thousands separators as the integer digits go by: the first group has one to three digits and
/// every group after a separator exactly three.
#[derive(Default)]
struct Grouping {
    /// Digits since the last separator (or the start).
    digits: usize,
    /// Byte offset of the last separator, once there is one.
    last_separator: Option<usize>,
}

impl Grouping {
    fn digit(&mut self) {
        self.digits += 1;
    }

    fn separator(&mut self, text: &str, at: usize) -> Result<(), ParseError> {
        let fits = match self.last_separator {
            None => (1..=3).contains(&self.digits),
            Some(_) => self.digits == 3,
        };
        if !fits {
            // The group before this separator is wrong: blame the separator that opened it, if any.
            return Err(misplaced(text, self.last_separator.unwrap_or(at)));
        }
        self.digits = 0;
        self.last_separator = Some(at);
        Ok(())
    }

    /// The integer part ended (at a decimal point or the end of the text).
    fn end(&self, text: &str) -> Result<(), ParseError> {
        match self.last_separator {
            Some(at) if self.digits != 3 => Err(misplaced(text, at)),
            _ => Ok(()),
        }
    }
}

fn misplaced(text: &str, separator_at: usize) -> ParseError {
    let after = text.get(..separator_at).unwrap_or_default();
    if after.is_empty() {
        // A separator before any digit is no number at all.
        return ParseError::Invalid;
    }
    ParseError::MisplacedSeparator {
        after: after.to_string(),
    }
}

/// The value of `integer.fraction` (ASCII digits). Exact up to 15 significant digits — the digits are read
/// as one whole number and divided once by a power of ten — and within rounding beyond. Written by hand
/// rather than with `str::parse::<f64>` to keep float parsing out of the WebAssembly download.
fn decimal_value(integer: &[u8], fraction: &[u8]) -> Option<f64> {
    const MAX_DIGITS: usize = 17;
    let leading_zeros = integer.iter().take_while(|&&d| d == b'0').count();
    let integer = &integer[leading_zeros..];
    let mut mantissa: u64 = 0;
    let mut digits = 0;
    // Integer digits past the 17th only scale the value.
    let mut scale_up = 0i32;
    for &d in integer {
        if digits < MAX_DIGITS {
            mantissa = mantissa * 10 + u64::from(d - b'0');
            digits += 1;
        } else {
            scale_up = scale_up.saturating_add(1);
        }
    }
    let mut scale_down = 0i32;
    for &d in fraction {
        if digits >= MAX_DIGITS {
            break;
        }
        mantissa = mantissa * 10 + u64::from(d - b'0');
        if mantissa != 0 {
            digits += 1;
        }
        scale_down += 1;
    }
    let value = mantissa as f64 * 10f64.powi(scale_up) / 10f64.powi(scale_down);
    value.is_finite().then_some(value)
}

/// The most helpful reason for a text with a bad character: a minus sign anywhere beats letters.
fn worst(text: &str) -> ParseError {
    if text.contains(['-', '−']) {
        ParseError::Negative
    } else if text.chars().filter(|c| *c == '.').count() > 1 {
        ParseError::TwoDecimalPoints
    } else if text.chars().any(is_letter) {
        ParseError::Letters
    } else {
        ParseError::Invalid
    }
}

fn normalise_char(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '．' | '。' => '.',
        '，' => ',',
        '－' | '﹣' => '-',
        'ｍ' => 'm',
        _ => c,
    }
}

fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '\n'
            | '\r'
            | '\u{2002}'
            | '\u{2003}'
            | '\u{2009}'
            | '\u{202F}'
            | '\u{00A0}'
            | '\u{3000}'
    )
}

/// Byte-order marks and zero-width characters: invisible, pasted along from documents and web pages.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{FEFF}' | '\u{200B}'..='\u{200D}' | '\u{2060}')
}

/// Latin letters and any other script's characters (汉字 among them). Avoids `char::is_alphabetic`, whose
/// Unicode tables would add kilobytes to the download for no better message.
fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || (!c.is_ascii() && !is_space(c) && !matches!(c, '−' | '－' | '﹣'))
}

impl ParseError {
    /// Why, in words that tell the user what to type instead: (English, Chinese). Each reads after the
    /// field's name ("Households has two decimal points: …", "户数有两个小数点：…").
    pub fn reason(&self) -> (String, String) {
        let (en, zh) = match self {
            ParseError::Empty => ("is empty: type a number", "为空：请输入数字"),
            ParseError::Letters => (
                "contains letters: type digits only, like 1250 or 1.2万",
                "含有文字：请只输入数字，例如 1250 或 1.2万",
            ),
            ParseError::TwoDecimalPoints => (
                "has two decimal points: use one at most, like 375.5",
                "有两个小数点：最多一个，例如 375.5",
            ),
            ParseError::Negative => (
                "cannot be negative: remove the minus sign",
                "不能为负数：请删去负号",
            ),
            ParseError::MisplacedSeparator { after } => {
                let shown: String = after.chars().take(20).collect();
                return (
                    format!(
                        "has a separator in the wrong place, after “{shown}”: a comma or space goes only between groups of three digits, like 1,250 or 12 500; for a decimal use a point, like 12.5"
                    ),
                    format!(
                        "分隔符位置有误（“{shown}”之后）：逗号或空格只能用在每三位数字之间，例如 1,250 或 12 500；小数请用小数点，例如 12.5"
                    ),
                );
            }
            ParseError::TooLong { chars } => {
                let n = format_number(*chars as f64);
                return (
                    format!("is too long ({n} characters): type at most {MAX_TEXT_CHARS}"),
                    format!("过长（{n} 个字符）：最多输入 {MAX_TEXT_CHARS} 个字符"),
                );
            }
            ParseError::Invalid => (
                "is not a number: type digits, like 1250",
                "不是数字：请输入数字，例如 1250",
            ),
        };
        (en.to_string(), zh.to_string())
    }
}

/// Formats a number for display with thousands separators and at most two decimals: 1,250 · 375.5 · 56.25.
/// zh-CN and en write numbers the same way, so there is one formatter.
pub fn format_number(value: f64) -> String {
    if !value.is_finite() {
        return "—".to_string();
    }
    // Integer arithmetic on hundredths: no float formatting code in the WebAssembly download.
    let hundredths = (value.abs() * 100.0).round();
    if hundredths >= 1e18 {
        return "∞".to_string();
    }
    let hundredths = hundredths as u64;
    let negative = value < 0.0 && hundredths > 0;
    let digits = (hundredths / 100).to_string();
    let cents = hundredths % 100;
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 + 4);
    if negative {
        grouped.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match cents {
        0 => {}
        c if c % 10 == 0 => grouped.push_str(&format!(".{}", c / 10)),
        c => grouped.push_str(&format!(".{c:02}")),
    }
    grouped
}

/// A share as a percentage: 0.15 → "15%".
pub fn format_percent(share: f64) -> String {
    format!("{}%", format_number(share * 100.0))
}
