use std::fmt::Write as _;

use super::*;
use crate::course::{CourseSource, load_course};

fn lines(source: &str) -> Vec<String> {
    source.lines().map(str::to_owned).collect()
}

fn text(picture: &Picture) -> String {
    picture
        .cells
        .iter()
        .map(|row| {
            row.iter()
                .filter_map(|cell| cell.character)
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The topology flowchart of the embedded lesson, as the course loader hands it over.
pub(super) fn lesson_graph() -> Vec<String> {
    lesson_diagrams().remove(0)
}

#[test]
fn the_lessons_topology_is_drawn() {
    let unicode = picture(&lesson_graph(), false, usize::MAX).unwrap();
    insta::assert_snapshot!("topology_unicode", text(&unicode));
    let ascii = picture(&lesson_graph(), true, usize::MAX).unwrap();
    assert!(text(&ascii).is_ascii());
    insta::assert_snapshot!("topology_ascii", text(&ascii));
}

#[test]
fn labels_heads_strokes_and_bottom_to_top() {
    let source = "graph BT\n A[クライアント] -->|HTTP| B(Service)\n B -.->|90%| C([v1])\n B ==>|10%| D([v2])\n C --x E{{拒否}}\n D --o E\n";
    let drawn = picture(&lines(source), false, usize::MAX).unwrap();
    let shown = text(&drawn);
    for expected in ["クライアント", "HTTP", "90%", "10%", "拒否", "▲"] {
        assert!(shown.contains(expected), "{expected} missing:\n{shown}");
    }
    insta::assert_snapshot!("labels_and_heads", shown);
}

#[test]
fn left_to_right_points_sideways() {
    let drawn = picture(
        &lines("graph LR\n A[クライアント] -->|HTTP| B{{Service}}\n B -.->|10%| C([v2])"),
        false,
        usize::MAX,
    )
    .unwrap();
    let shown = text(&drawn);
    for expected in ["クライアント", "HTTP", "10%", "▶"] {
        assert!(shown.contains(expected), "{expected} missing:\n{shown}");
    }
    let mirrored = text(
        &picture(
            &lines("graph RL\n A[クライアント] --> B{{Service}}"),
            false,
            usize::MAX,
        )
        .unwrap(),
    );
    assert!(mirrored.contains('◀'), "{mirrored}");
    insta::assert_snapshot!("left_to_right", shown);
}

#[test]
fn bad_source_and_two_loops_on_a_node_fall_back_to_the_source() {
    assert!(picture(&lines("graph TB\n A -> B"), false, usize::MAX).is_none());
    // Two loops on one node would share its one free side.
    assert!(picture(&lines("graph TB\n A --> A\n A -.-> A"), false, usize::MAX).is_none());
}

/// A Pod's lifecycle: a labelled self-loop, and a labelled edge back up the ranks.
const LIFECYCLE: &str = "graph TB
    Pending --> Running
    Running -->|probe fails| Running
    Running -->|crash| CrashLoopBackOff
    CrashLoopBackOff -->|back-off over| Running
    Running --> Succeeded";

#[test]
fn a_self_loop_is_drawn_beside_its_box_with_its_label() {
    for width in [80, 120] {
        for ascii in [false, true] {
            let drawn = picture(&lines(LIFECYCLE), ascii, width).unwrap();
            let shown = text(&drawn);
            for expected in ["Running", "probe fails", "crash", "back-off over"] {
                assert!(shown.contains(expected), "{expected} missing:\n{shown}");
            }
            // Out on the label's row, back in with its head on the row below.
            let row = shown
                .lines()
                .position(|line| line.contains("probe fails"))
                .unwrap();
            let below = shown.lines().nth(row + 1).unwrap();
            assert!(below.contains(if ascii { "<-" } else { "◀─" }), "{shown}");
            let style = if ascii { "ascii" } else { "unicode" };
            insta::assert_snapshot!(format!("lifecycle_{width}_{style}"), shown);
        }
    }
}

#[test]
fn left_to_right_a_self_loop_goes_below_its_box() {
    let source = LIFECYCLE.replace("graph TB", "graph LR");
    let drawn = picture(&lines(&source), false, usize::MAX).unwrap();
    let shown = text(&drawn);
    let rows: Vec<&str> = shown.lines().collect();
    let label = rows
        .iter()
        .position(|row| row.contains("probe fails"))
        .unwrap();
    // The box's bottom, the head coming back up, the turn with the label.
    assert!(rows[label].contains("└─┘ probe fails"), "{shown}");
    assert!(rows[label - 1].contains("│ ▲"), "{shown}");
    insta::assert_snapshot!("lifecycle_left_to_right", shown);
}

/// A small deterministic generator (xorshift) for graphs.
struct Generator(u64);

impl Generator {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % 1_000_003).unwrap()
    }
}

/// Random flowcharts: DAGs and cycles, nested subgraphs, long and Japanese labels,
/// labelled edges of every stroke.
fn generated(generator: &mut Generator) -> String {
    const LABELS: &[&str] = &[
        "Pod",
        "Service",
        "クライアント",
        "api-server-v1",
        "a",
        "Ingress Controller",
        "名前<br/>解決",
    ];
    const EDGES: &[&str] = &[
        "-->",
        "---",
        "==>",
        "-.->",
        "--o",
        "-->|ラベル|",
        "-- 90% -->",
    ];
    let nodes = 2 + generator.next() % 12;
    let mut source = String::from(
        ["graph TB\n", "graph BT\n", "graph LR\n", "graph RL\n"][generator.next() % 4],
    );
    // Some charts keep their edges inside each group, so subgraphs with a direction of
    // their own are placed apart.
    let local = generator.next().is_multiple_of(3);
    let mut open: Vec<usize> = Vec::new();
    let mut group = Vec::with_capacity(nodes);
    for node in 0..nodes {
        if generator.next().is_multiple_of(5) && open.len() < 2 {
            let _ = writeln!(source, "subgraph S{node}[\"グループ {node}\"]");
            if generator.next().is_multiple_of(2) {
                let direction = ["TB", "BT", "LR", "RL"][generator.next() % 4];
                let _ = writeln!(source, "direction {direction}");
            }
            open.push(node);
        }
        let _ = writeln!(
            source,
            "N{node}[\"{}\"]",
            LABELS[generator.next() % LABELS.len()]
        );
        group.push(open.clone());
        if !open.is_empty() && generator.next().is_multiple_of(3) {
            source.push_str("end\n");
            open.pop();
        }
    }
    source.push_str(&"end\n".repeat(open.len()));
    for _ in 0..nodes + generator.next() % (nodes + 1) {
        let (from, to) = (generator.next() % nodes, generator.next() % nodes);
        if from != to && (!local || group[from] == group[to]) {
            let _ = writeln!(
                source,
                "N{from} {} N{to}",
                EDGES[generator.next() % EDGES.len()]
            );
        }
    }
    source
}

/// Whether the reader never shows `drawn`, a drawing that broke a promise: it shows
/// the chart placed in another order, or its source.
fn never_shown(source: &str, ascii: bool, drawn: &[Vec<Cell>]) -> bool {
    picture(&lines(source), ascii, usize::MAX).is_none_or(|shown| shown.cells != drawn)
}

#[test]
fn generated_graphs_keep_every_promise() {
    let mut generator = Generator(0x853c_49e6_748f_ea9b);
    let mut insets = 0;
    let mut untitled = 0;
    let mut unattached = 0;
    let mut together = 0;
    let mut loops = 0;
    for _ in 0..300 {
        let mut source = generated(&mut generator);
        // Charts with no subgraph placed apart may loop on a node.
        if !source.contains("direction") && !generator.next().is_multiple_of(4) {
            let node = generator.next() % source.matches("\"]\n").count();
            let label = ["", "|再試行|", "|probe fails|"][generator.next() % 3];
            let _ = writeln!(source, "N{node} -->{label} N{node}");
            loops += 1;
        }
        let chart = parse_flowchart(&lines(&source)).unwrap();
        // Subgraphs placed apart: a direction other than the chart's, no edge across.
        insets += (0..chart.subgraphs.len())
            .filter(|subgraph| {
                let inside = |node: usize| chart.within(chart.nodes[node].subgraph, *subgraph);
                chart.subgraphs[*subgraph]
                    .direction
                    .is_some_and(|direction| direction != chart.direction)
                    && chart.nodes.iter().enumerate().any(|(node, _)| inside(node))
                    && chart
                        .edges
                        .iter()
                        .all(|edge| inside(edge.from) == inside(edge.to))
            })
            .count();
        let placement = place(&chart).unwrap();
        for ascii in [false, true] {
            let drawn = draw(&chart, &placement, ascii);
            match verify(&chart, &placement, &drawn) {
                Ok(()) => {}
                // No border of a narrow frame left room for its title: the reader shows
                // another order's drawing or the source, never a title an edge runs
                // through.
                Err(broken) if broken.starts_with("the title of subgraph") => {
                    assert!(never_shown(&source, ascii, &drawn));
                    untitled += 1;
                }
                // Lines of unrelated edges that would run together: the chart placed in
                // the source's order instead, or failing that, the source.
                Err(broken) if broken.ends_with("run together") => {
                    assert!(never_shown(&source, ascii, &drawn));
                    together += 1;
                }
                // A label that would sit between two edges' lines: the source instead.
                Err(broken) if broken.ends_with("could be read as another edge's") => {
                    assert!(never_shown(&source, ascii, &drawn));
                    unattached += 1;
                }
                Err(broken) => {
                    let shown: Vec<String> = drawn
                        .iter()
                        .map(|row| row.iter().filter_map(|cell| cell.character).collect())
                        .collect();
                    panic!("{broken}\n{source}\n{}", shown.join("\n"));
                }
            }
        }
    }
    assert!(
        insets >= 20,
        "the generator made only {insets} subgraphs placed apart"
    );
    assert!(loops >= 80, "the generator made only {loops} self-loops");
    // Today 2 drawings of 600 (a chart in Unicode and ASCII): at most 1 in 50.
    assert!(
        untitled * 50 <= 600,
        "{untitled} drawings had no room for a title"
    );
    // Dense random charts with labels on most edges: today 18 drawings of 600, at most
    // 1 in 30.
    assert!(
        unattached * 30 <= 600,
        "{unattached} drawings had a label that reads as another edge's"
    );
    // None today: long edges' points step off each other's columns.
    assert_eq!(
        together, 0,
        "drawings with unrelated lines running together"
    );
}

/// A generated chart whose order with the fewest crossings sets a label where it could
/// be read as another edge's.
const RESCUED: &str = "graph BT
N0[\"名前<br/>解決\"]
N1[\"Pod\"]
N2[\"Pod\"]
N3[\"名前<br/>解決\"]
N4[\"Pod\"]
N5[\"クライアント\"]
N6[\"名前<br/>解決\"]
N7[\"クライアント\"]
N8[\"名前<br/>解決\"]
N9[\"api-server-v1\"]
N8 -.-> N2
N4 --> N6
N6 -->|ラベル| N3
N3 --o N8
N4 ==> N5
N0 ==> N9
N6 -- 90% --> N0
N5 -->|ラベル| N7
N9 --> N1
N4 ==> N7
N7 -- 90% --> N4
N7 --o N8
N3 -.-> N7
N4 -->|ラベル| N3
";

#[test]
fn a_drawing_that_breaks_a_promise_is_drawn_again_in_the_sources_order() {
    let chart = parse_flowchart(&lines(RESCUED)).unwrap();
    let fewest = place(&chart).unwrap();
    let broken = verify(&chart, &fewest, &draw(&chart, &fewest, false));
    assert!(
        broken.is_err(),
        "the chart no longer breaks a promise in its first order: pick another"
    );
    let plain = place::place_searching(&chart, place::Search::Plain).unwrap();
    let cells = draw(&chart, &plain, false);
    assert_eq!(verify(&chart, &plain, &cells), Ok(()));
    assert_eq!(
        picture(&lines(RESCUED), false, usize::MAX).unwrap().cells,
        cells
    );
}

#[test]
fn a_chart_too_wide_is_turned() {
    let source = lines(
        "graph TB\n Ing{{Ingress}} --> A[api-server-v1] & B[api-server-v2] & C[web-frontend]",
    );
    let wide = text(&picture(&source, false, usize::MAX).unwrap());
    assert!(wide.contains('▼') && !wide.contains('▶'), "{wide}");
    let narrow = picture(&source, false, 40).unwrap();
    let turned = text(&narrow);
    assert!(turned.contains('▶'), "{turned}");
    assert!(narrow.cells[0].len() <= 40, "{turned}");
}

#[test]
fn empty_subgraphs_and_odd_charts_draw_without_panicking() {
    for source in [
        "graph TB\n subgraph S\n end\n A --> B",
        "graph LR\n subgraph S\n subgraph T\n end\n end\n A",
        "graph TB\n A",
        "graph RL\n A --- B\n A --- B\n B --> A",
        "graph BT\n subgraph S[\"長い長い長い長い長いタイトル\"]\n A\n end\n A --> B",
        "graph TB\n A[\"\"] --> B[\" \"]",
    ] {
        // Too narrow for 10 columns is a fine answer; at any width, each must draw.
        let _ = picture(&lines(source), true, 10);
        assert!(
            picture(&lines(source), false, usize::MAX).is_some(),
            "{source:?}"
        );
    }
}

/// Every diagram of the embedded lesson, as the course loader hands them over.
fn lesson_diagrams() -> Vec<Vec<String>> {
    let course = match load_course(&CourseSource::Embedded) {
        Ok(course) => course,
        Err(error) => panic!("{error}"),
    };
    course.lessons[0]
        .diagrams()
        .map(|code| code.lines.clone())
        .collect()
}

#[test]
fn labels_sit_beside_their_own_edge_in_every_direction() {
    let diagrams = lesson_diagrams();
    assert!(diagrams.len() >= 8, "{}", diagrams.len());
    for source in diagrams {
        let mut chart = parse_flowchart(&source).unwrap();
        for direction in [
            Direction::TopBottom,
            Direction::BottomTop,
            Direction::LeftRight,
            Direction::RightLeft,
        ] {
            chart.direction = direction;
            let placement = place(&chart).unwrap();
            let drawn = draw(&chart, &placement, false);
            verify(&chart, &placement, &drawn).unwrap();
            for route in &placement.routes {
                let (Some((x, y)), Some(label)) = (route.label, &chart.edges[route.edge].label)
                else {
                    continue;
                };
                let end = x + crate::text::display_width(label);
                let near = super::verify::cells(&route.points)
                    .into_iter()
                    .any(|(cx, cy)| cy.abs_diff(y) <= 1 && (cx + 2 >= x && cx < end + 2));
                let shown: Vec<String> = drawn
                    .iter()
                    .map(|row| row.iter().filter_map(|cell| cell.character).collect())
                    .collect();
                assert!(
                    near,
                    "{direction:?}: `{label}` is far from its edge\n{}",
                    shown.join("\n")
                );
            }
        }
    }
}

/// Where each node's box went, by id, in a chart's placement.
fn boxes(source: &str) -> Vec<(String, Rect)> {
    let chart = parse_flowchart(&lines(source)).unwrap();
    let placement = place(&chart).unwrap();
    let drawn = draw(&chart, &placement, false);
    verify(&chart, &placement, &drawn).unwrap();
    chart
        .nodes
        .iter()
        .map(|node| node.id.clone())
        .zip(placement.nodes)
        .collect()
}

fn find(boxes: &[(String, Rect)], id: &str) -> Rect {
    boxes.iter().find(|(name, _)| name == id).unwrap().1
}

#[test]
fn a_subgraph_runs_its_own_direction_unless_an_edge_crosses_it() {
    let own = boxes(
        "flowchart TB\n A --> B\n subgraph S[\"DB 更新\"]\n direction LR\n C --> D --> E\n end\n subgraph T\n direction TB\n F --> G\n end",
    );
    // C, D and E side by side left to right; A above B; F above G.
    let row: Vec<Rect> = ["C", "D", "E"].iter().map(|id| find(&own, id)).collect();
    assert!(
        row.windows(2)
            .all(|pair| pair[0].y == pair[1].y && pair[0].x < pair[1].x),
        "{own:?}"
    );
    assert!(find(&own, "A").y < find(&own, "B").y, "{own:?}");
    assert!(find(&own, "F").y < find(&own, "G").y, "{own:?}");
    // Nested the other way round inside an inset: it turns again.
    let nested = boxes(
        "graph LR\n subgraph S\n direction TB\n A --> B\n subgraph T\n direction LR\n C --> D\n end\n end",
    );
    let (top, bottom) = (find(&nested, "A"), find(&nested, "B"));
    let (left, right) = (find(&nested, "C"), find(&nested, "D"));
    assert!(top.y < bottom.y, "{nested:?}");
    assert!(left.y == right.y && left.x < right.x, "{nested:?}");
    // An edge across the border: the subgraph follows the chart, as in Mermaid.
    let crossed = boxes("flowchart TB\n A --> C\n subgraph S\n direction LR\n C --> D\n end");
    assert!(find(&crossed, "C").y < find(&crossed, "D").y, "{crossed:?}");
}

/// Region, zone and node nested, an edge entering from outside through all three
/// frames: it crosses their borders beside the titles, never through them.
const NESTED: &str = "graph TB
    user[利用者] --> lb[ロードバランサー]
    subgraph region[\"リージョン ap-northeast-1\"]
        subgraph zone[\"ゾーン ap-northeast-1a\"]
            subgraph node1[\"ノード worker-1\"]
                pod1[Pod web-1]
                pod2[Pod api-1]
            end
        end
    end
    lb --> pod1
    pod1 --> pod2";

#[test]
fn nested_frames_keep_their_titles_whole() {
    for width in [80, 120] {
        for ascii in [false, true] {
            let drawn = picture(&lines(NESTED), ascii, width).unwrap();
            let shown = text(&drawn);
            for title in [
                "リージョン ap-northeast-1",
                "ゾーン ap-northeast-1a",
                "ノード worker-1",
            ] {
                assert!(shown.contains(title), "{title} is broken:\n{shown}");
            }
            let style = if ascii { "ascii" } else { "unicode" };
            insta::assert_snapshot!(format!("nested_{width}_{style}"), shown);
        }
    }
}

#[test]
fn an_edge_never_crosses_a_title() {
    // The lesson's Gateway API chart: the edges into the lower two frames used to run
    // through 「クラスタ管理者」 and 「アプリ開発者」.
    let source = "graph TB
    subgraph Infra[\"インフラ管理者\"]
        GC{{\"GatewayClass aws-alb\"}}
    end
    subgraph Ops[\"クラスタ管理者\"]
        GW{{\"Gateway main-gateway\"}}
    end
    subgraph Dev[\"アプリ開発者\"]
        Route[\"HTTPRoute api-routes\"]
    end
    GC --> GW
    GW --> Route";
    let shown = text(&picture(&lines(source), false, usize::MAX).unwrap());
    for title in [" インフラ管理者 ", " クラスタ管理者 ", " アプリ開発者 "] {
        assert!(shown.contains(title), "{title} is broken:\n{shown}");
    }
    // A drawing whose title an edge crosses is refused.
    let chart = parse_flowchart(&lines(source)).unwrap();
    let placement = place(&chart).unwrap();
    let mut drawn = draw(&chart, &placement, false);
    let row = placement.clusters[1].y;
    let title = drawn[row]
        .iter()
        .position(|cell| cell.ink == Ink::Title)
        .unwrap();
    drawn[row][title + 3] = Cell {
        character: Some('│'),
        ink: Ink::Edge,
    };
    assert!(
        verify(&chart, &placement, &drawn)
            .unwrap_err()
            .contains("クラスタ管理者")
    );
}

/// A layered graph as `benches/crossings.rs` makes them: 3–6 ranks of 2–6 nodes, edges
/// to the next rank and some skipping one.
fn layered(generator: &mut Generator) -> String {
    let ranks = 3 + generator.next() % 4;
    let mut layers: Vec<Vec<usize>> = Vec::new();
    let mut nodes = 0;
    for _ in 0..ranks {
        let width = 2 + generator.next() % 5;
        layers.push((nodes..nodes + width).collect());
        nodes += width;
    }
    let mut source = String::from("graph TB\n");
    for rank in 0..ranks - 1 {
        for node in &layers[rank] {
            for _ in 0..=generator.next() % 2 {
                let skip = usize::from(rank + 2 < ranks && generator.next().is_multiple_of(5));
                let layer = &layers[rank + 1 + skip];
                let _ = writeln!(
                    source,
                    "N{node} --> N{}",
                    layer[generator.next() % layer.len()]
                );
            }
        }
    }
    source
}

#[test]
fn crossings_on_a_fixed_set_of_graphs_do_not_grow() {
    let mut generator = Generator(0x2545_f491_4f6c_dd1d);
    let total: usize = (0..60)
        .map(|_| {
            let chart = parse_flowchart(&lines(&layered(&mut generator))).unwrap();
            crossings(&place(&chart).unwrap())
        })
        .sum();
    // Today's figure: a change that adds crossings on these graphs fails here. (193
    // before ranks kept edges short and orders were searched from several starts, with
    // each vertex moved to its best place in its rank and each start's order drawn.)
    assert!(total <= 151, "{total} crossings");
}

#[test]
fn long_edges_run_straight_between_their_ends() {
    let mut generator = Generator(0x2545_f491_4f6c_dd1d);
    let (mut long, mut straight) = (0, 0);
    for _ in 0..60 {
        let chart = parse_flowchart(&lines(&layered(&mut generator))).unwrap();
        let rank_of = rank::ranks(&chart);
        let placement = place(&chart).unwrap();
        for route in &placement.routes {
            let edge = &chart.edges[route.edge];
            if rank_of[edge.to].abs_diff(rank_of[edge.from]) < 2 {
                continue;
            }
            long += 1;
            // Out of the source's column and into the target's: one column between.
            let mut columns: Vec<usize> = route.points.iter().map(|(x, _)| *x).collect();
            columns.dedup();
            straight += usize::from(columns.len() <= 3);
        }
    }
    // Today all 85: each point sits under the one before it where its rank leaves room.
    assert!(long >= 60, "only {long} long edges");
    assert!(
        straight * 100 >= long * 95,
        "{straight} of {long} long edges run straight"
    );
}

/// An Ingress fan-in and fan-out with a label on each edge.
const FAN_OUT: &str = "graph TB
    client[クライアント] -->|api.example.com/v1| ingress[Ingress]
    client -->|api.example.com/v2| ingress
    client -->|web.example.com| ingress
    ingress -->|/v1| v1[api-v1]
    ingress -->|/v2| v2[api-v2]
    ingress -->|/| web[web]";

#[test]
fn a_labelled_fan_out_gives_each_label_room_beside_its_own_line() {
    // `picture` draws only when every label reads as its own edge's (`verify`).
    for width in [80, 120] {
        for ascii in [false, true] {
            let drawn =
                picture(&lines(FAN_OUT), ascii, width).expect("labels beside their own lines");
            let style = if ascii { "ascii" } else { "unicode" };
            insta::assert_snapshot!(format!("fan_out_{width}_{style}"), text(&drawn));
        }
    }
    assert!(picture(&lines(LIFECYCLE), false, usize::MAX).is_some());
}
