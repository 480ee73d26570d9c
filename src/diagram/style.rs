//! `classDef` and `style` properties: the colours a terminal can show.

use super::NodeStyle;

/// `fill:#0f3460,stroke:#4a90d9,color:#fff,stroke-width:2px`: colours we can show.
pub fn parse_style(text: &str) -> NodeStyle {
    let mut style = NodeStyle::default();
    for property in text.split(',') {
        let Some((name, value)) = property.split_once(':') else {
            continue;
        };
        let colour = hex_colour(value.trim());
        match name.trim() {
            "fill" => style.fill = colour,
            "stroke" => style.stroke = colour,
            "color" => style.text = colour,
            _ => {}
        }
    }
    style
}

fn hex_colour(value: &str) -> Option<(u8, u8, u8)> {
    let hex = value.strip_prefix('#')?;
    let channel = |text: &str| u8::from_str_radix(text, 16).ok();
    match hex.len() {
        3 => {
            let mut digits = hex.chars().map(|c| channel(&c.to_string().repeat(2)));
            Some((digits.next()??, digits.next()??, digits.next()??))
        }
        6 => Some((
            channel(hex.get(0..2)?)?,
            channel(hex.get(2..4)?)?,
            channel(hex.get(4..6)?)?,
        )),
        _ => None,
    }
}

pub fn merge(base: NodeStyle, over: NodeStyle) -> NodeStyle {
    NodeStyle {
        fill: over.fill.or(base.fill),
        stroke: over.stroke.or(base.stroke),
        text: over.text.or(base.text),
    }
}
