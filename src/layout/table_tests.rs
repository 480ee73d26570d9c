use super::*;
use crate::layout::glyphs::{ASCII, UNICODE};

fn runs(text: &str) -> Vec<Run> {
    vec![Run::new(text, Style::default())]
}

fn table(alignments: &[Alignment], rows: &[&[&str]]) -> TableRuns<'static> {
    let alignments: &'static [Alignment] = Vec::leak(alignments.to_vec());
    TableRuns {
        alignments,
        header: rows[0].iter().map(|cell| runs(cell)).collect(),
        rows: rows[1..]
            .iter()
            .map(|row| row.iter().map(|cell| runs(cell)).collect())
            .collect(),
    }
}

fn draw(table: &TableRuns<'_>, width: usize, glyphs: &Glyphs) -> Vec<String> {
    let styles = TableStyles {
        border: Style::default(),
        header: Style::default(),
    };
    lay_out_table(table, width, glyphs, &styles)
        .iter()
        .map(ToString::to_string)
        .collect()
}

const PRINCIPLES: &[&[&str]] = &[
    &["原則", "説明"],
    &["Pod 間通信", "全てのPodはNATなしで直接通信できる"],
    &["Node-Pod 通信", "全てのNodeは全てのPodと直接通信できる"],
    &["Pod の IP", "各PodはユニークなIPアドレスを持つ"],
];

#[test]
fn natural_widths_when_the_table_fits() {
    let lines = draw(&table(&[Alignment::None; 2], PRINCIPLES), 120, &UNICODE);
    assert_eq!(
        lines[0],
        "┌───────────────┬───────────────────────────────────────┐"
    );
    assert_eq!(
        lines[1],
        "│ 原則          │ 説明                                  │"
    );
    assert_eq!(
        lines[2],
        "╞═══════════════╪═══════════════════════════════════════╡"
    );
    assert_eq!(
        lines[4],
        "│ Node-Pod 通信 │ 全てのNodeは全てのPodと直接通信できる │"
    );
    assert_eq!(lines.len(), 7);
}

#[test]
fn cjk_tables_stay_aligned_and_within_width_at_every_width() {
    for width in [24, 30, 40, 50, 60, 80] {
        let lines = draw(&table(&[Alignment::None; 2], PRINCIPLES), width, &UNICODE);
        let first = display_width(&lines[0]);
        assert!(first <= width, "width {width}: {lines:#?}");
        for line in &lines {
            assert_eq!(display_width(line), first, "width {width}: {lines:#?}");
        }
        let mut shown: Vec<char> = lines
            .concat()
            .chars()
            .filter(|c| !"┌┬┐├┼┤└┴┘╞╪╡═─│ ".contains(*c))
            .collect();
        let mut given: Vec<char> = PRINCIPLES
            .iter()
            .flat_map(|row| row.iter())
            .flat_map(|cell| cell.chars())
            .filter(|c| *c != ' ')
            .collect();
        shown.sort_unstable();
        given.sort_unstable();
        assert_eq!(shown, given, "width {width}: {lines:#?}");
    }
}

#[test]
fn wrapped_rows_get_separators() {
    let lines = draw(&table(&[Alignment::None; 2], PRINCIPLES), 30, &UNICODE);
    assert!(lines.iter().any(|line| line.starts_with('├')), "{lines:#?}");
    let lines = draw(&table(&[Alignment::None; 2], PRINCIPLES), 120, &UNICODE);
    assert!(
        !lines.iter().any(|line| line.starts_with('├')),
        "{lines:#?}"
    );
}

#[test]
fn alignment_pads_cells() {
    let rows: &[&[&str]] = &[&["左", "中央", "右"], &["a", "b", "c"]];
    let aligned = table(
        &[Alignment::Left, Alignment::Center, Alignment::Right],
        rows,
    );
    let lines = draw(&aligned, 80, &ASCII);
    assert_eq!(lines[0], "+----+------+----+");
    assert_eq!(lines[1], "| 左 | 中央 | 右 |");
    assert_eq!(lines[2], "+====+======+====+");
    assert_eq!(lines[3], "| a  |  b   |  c |");
}

#[test]
fn ragged_rows_get_empty_cells() {
    let ragged = TableRuns {
        alignments: &[],
        header: vec![runs("a"), runs("b")],
        rows: vec![vec![runs("only")]],
    };
    let lines = draw(&ragged, 80, &ASCII);
    assert_eq!(lines[3], "| only |   |");
}

#[test]
fn borders_stay_aligned_at_every_width() {
    let gateway: &[&[&str]] = &[
        &["機能", "Ingress", "Gateway API"],
        &[
            "ヘッダーベースルーティング",
            "Annotation 依存",
            "標準サポート",
        ],
        &["責任分離", "1つの Ingress", "GatewayClass/Gateway/Route"],
    ];
    for rows in [PRINCIPLES, gateway] {
        for width in 0..90 {
            let lines = draw(&table(&[Alignment::None; 3], rows), width, &UNICODE);
            let first = display_width(&lines[0]);
            for line in &lines {
                assert_eq!(display_width(line), first, "width {width}: {lines:#?}");
            }
        }
    }
}

#[test]
fn narrow_tables_shrink_the_widest_column_first() {
    let gateway: &[&[&str]] = &[
        &["機能", "Ingress", "Gateway API"],
        &["責任分離", "1つの Ingress", "GatewayClass/Gateway/Route"],
    ];
    let lines = draw(&table(&[Alignment::None; 3], gateway), 40, &UNICODE);
    assert_eq!(lines[3], "│ 責任分離 │ 1つの   │ GatewayClass/Ga │");
    assert!(
        lines.iter().all(|line| display_width(line) <= 40),
        "{lines:#?}"
    );
}

#[test]
fn column_widths_share_the_spare_room() {
    assert_eq!(column_widths(&[10, 30], &[4, 6], &[1, 1], 100), [10, 30]);
    let widths = column_widths(&[10, 30], &[4, 6], &[1, 1], 20);
    assert_eq!(widths.iter().sum::<usize>(), 20);
    assert!(widths[0] >= 4 && widths[1] >= 6, "{widths:?}");
    // Too narrow even for the minimums: the widest column gives up room first.
    assert_eq!(column_widths(&[10, 30], &[8, 26], &[2, 1], 20), [8, 12]);
    assert_eq!(column_widths(&[10, 30], &[8, 12], &[2, 1], 10), [5, 5]);
    // Never below the widest character.
    assert_eq!(column_widths(&[10, 30], &[8, 12], &[2, 2], 1), [2, 2]);
}

/// The review's storage table at 80 columns: the first column's spare room goes to the
/// others, so no cell leaves one character alone on a line.
#[test]
fn spare_width_is_shared_before_a_word_breaks_into_single_characters() {
    let rows: &[&[&str]] = &[
        &["リソース", "役割", "作る人"],
        &[
            "PersistentVolume (PV)",
            "クラスタのストレージの一片",
            "管理者 / プロビジョナ",
        ],
        &[
            "PersistentVolumeClaim (PVC)",
            "Pod が使うストレージの要求",
            "アプリ開発者",
        ],
        &[
            "StorageClass",
            "動的プロビジョニングの設定",
            "クラスタ管理者",
        ],
    ];
    let lines = draw(
        &table(&[Alignment::None, Alignment::None, Alignment::Right], rows),
        78,
        &UNICODE,
    );
    for line in &lines {
        assert!(display_width(line) <= 78, "{line}");
        for cell in line
            .split('│')
            .map(str::trim)
            .filter(|cell| !cell.is_empty())
        {
            assert!(
                cell.chars().count() > 1,
                "a lone character in {line:?}:\n{}",
                lines.join("\n")
            );
        }
    }
}
