use super::*;
use crate::diagram::{Head, Stroke};

fn parse(source: &str) -> Result<Flowchart, DiagramError> {
    let lines: Vec<String> = source.lines().map(str::to_owned).collect();
    parse_flowchart(&lines)
}

fn chart(source: &str) -> Flowchart {
    match parse(source) {
        Ok(chart) => chart,
        Err(error) => panic!("{source:?}: {}:{}: {error}", error.line, error.column),
    }
}

fn error(source: &str) -> DiagramError {
    parse(source).unwrap_err()
}

#[test]
fn headers_set_the_direction() {
    for (header, direction) in [
        ("graph TB", Direction::TopBottom),
        ("graph TD", Direction::TopBottom),
        ("flowchart BT", Direction::BottomTop),
        ("flowchart LR", Direction::LeftRight),
        ("graph RL", Direction::RightLeft),
        ("graph", Direction::TopBottom),
    ] {
        assert_eq!(chart(header).direction, direction, "{header}");
    }
}

#[test]
fn every_node_shape() {
    let source = "graph TB\n a[rect]\n b(round)\n c([stadium])\n d[(cylinder)]\n e((circle))\n f{rhombus}\n g{{hexagon}}\n h>flag]\n";
    let chart = chart(source);
    let shapes: Vec<(&str, Shape, &str)> = chart
        .nodes
        .iter()
        .map(|node| (node.id.as_str(), node.shape, node.label[0].as_str()))
        .collect();
    assert_eq!(
        shapes,
        [
            ("a", Shape::Rectangle, "rect"),
            ("b", Shape::Rounded, "round"),
            ("c", Shape::Stadium, "stadium"),
            ("d", Shape::Cylinder, "cylinder"),
            ("e", Shape::Circle, "circle"),
            ("f", Shape::Rhombus, "rhombus"),
            ("g", Shape::Hexagon, "hexagon"),
            ("h", Shape::Asymmetric, "flag"),
        ]
    );
}

#[test]
fn quoted_labels_and_line_breaks() {
    let chart = chart(
        "graph TB\n PodA([\"Pod A<br/>10.0.1\"])\n C[\"ラベル (括弧) [角]\"]\n D[クライアント]\n",
    );
    assert_eq!(chart.nodes[0].label, ["Pod A", "10.0.1"]);
    assert_eq!(chart.nodes[0].shape, Shape::Stadium);
    assert_eq!(chart.nodes[1].label, ["ラベル (括弧) [角]"]);
    assert_eq!(chart.nodes[2].label, ["クライアント"]);
}

#[test]
fn every_edge_kind() {
    let cases = [
        ("A --- B", Stroke::Normal, Head::None),
        ("A --> B", Stroke::Normal, Head::Arrow),
        ("A ---> B", Stroke::Normal, Head::Arrow),
        ("A === B", Stroke::Thick, Head::None),
        ("A ==> B", Stroke::Thick, Head::Arrow),
        ("A -.- B", Stroke::Dotted, Head::None),
        ("A -.-> B", Stroke::Dotted, Head::Arrow),
        ("A -..-> B", Stroke::Dotted, Head::Arrow),
        ("A --o B", Stroke::Normal, Head::Circle),
        ("A --x B", Stroke::Normal, Head::Cross),
        ("A-->B", Stroke::Normal, Head::Arrow),
    ];
    for (statement, stroke, head) in cases {
        let chart = chart(&format!("graph LR\n{statement}"));
        assert_eq!(chart.edges.len(), 1, "{statement}");
        let edge = &chart.edges[0];
        assert_eq!((edge.stroke, edge.head), (stroke, head), "{statement}");
        assert_eq!(
            (
                chart.nodes[edge.from].id.as_str(),
                chart.nodes[edge.to].id.as_str()
            ),
            ("A", "B")
        );
    }
}

#[test]
fn edge_labels_both_ways() {
    let cases = [
        ("A -- 90% --> B", Stroke::Normal, Head::Arrow, "90%"),
        (
            "A -->|weight 10| B",
            Stroke::Normal,
            Head::Arrow,
            "weight 10",
        ),
        ("A == 重み ==> B", Stroke::Thick, Head::Arrow, "重み"),
        ("A -. 任意 .-> B", Stroke::Dotted, Head::Arrow, "任意"),
        ("A -- text --- B", Stroke::Normal, Head::None, "text"),
        ("A ---|\"quoted\"| B", Stroke::Normal, Head::None, "quoted"),
    ];
    for (statement, stroke, head, label) in cases {
        let chart = chart(&format!("graph LR\n{statement}"));
        let edge = &chart.edges[0];
        assert_eq!(
            (edge.stroke, edge.head, edge.label.as_deref()),
            (stroke, head, Some(label)),
            "{statement}"
        );
        assert_eq!(chart.nodes.len(), 2, "{statement}");
    }
}

#[test]
fn chains_and_groups() {
    let chart = chart("graph LR\n A --> B --> C\n D & E --> F & G\n");
    let pairs: Vec<(String, String)> = chart
        .edges
        .iter()
        .map(|edge| {
            (
                chart.nodes[edge.from].id.clone(),
                chart.nodes[edge.to].id.clone(),
            )
        })
        .collect();
    let expected = [
        ("A", "B"),
        ("B", "C"),
        ("D", "F"),
        ("D", "G"),
        ("E", "F"),
        ("E", "G"),
    ];
    assert_eq!(pairs, expected.map(|(a, b)| (a.to_owned(), b.to_owned())));
    let lines: Vec<usize> = chart.edges.iter().map(|edge| edge.line).collect();
    assert_eq!(lines, [2, 2, 3, 3, 3, 3]);
}

#[test]
fn subgraphs_nest_with_their_own_direction() {
    let source = "graph TB\n subgraph Outer[\"外側\"]\n  direction LR\n  a\n  subgraph Inner [Inner box]\n   b\n  end\n end\n c\n subgraph \"only a title\"\n  d\n end\n";
    let chart = chart(source);
    assert_eq!(chart.subgraphs.len(), 3);
    assert_eq!(chart.subgraphs[0].title, "外側");
    assert_eq!(chart.subgraphs[0].direction, Some(Direction::LeftRight));
    assert_eq!(chart.subgraphs[1].title, "Inner box");
    assert_eq!(chart.subgraphs[1].parent, Some(0));
    assert_eq!(chart.subgraphs[2].title, "only a title");
    let membership: Vec<Option<usize>> = chart.nodes.iter().map(|node| node.subgraph).collect();
    assert_eq!(membership, [Some(0), Some(1), None, Some(2)]);
}

#[test]
fn classes_styles_and_comments() {
    let source = "graph TB\n %% a comment\n A:::pod --- B\n C\n class C bridge\n style B stroke:#f00\n classDef pod fill:#0f3460,stroke:#4a90d9,color:#ffffff,stroke-width:2px\n classDef bridge fill:#16213e\n classDef default fill:#1e3a5f,stroke:#4a90d9\n";
    let chart = chart(source);
    assert_eq!(chart.nodes[0].style.fill, Some((0x0f, 0x34, 0x60)));
    assert_eq!(chart.nodes[0].style.text, Some((255, 255, 255)));
    assert_eq!(
        chart.nodes[1].style.fill,
        Some((0x1e, 0x3a, 0x5f)),
        "default class"
    );
    assert_eq!(chart.nodes[1].style.stroke, Some((255, 0, 0)), "style wins");
    assert_eq!(chart.nodes[2].style.fill, Some((0x16, 0x21, 0x3e)));
    assert_eq!(chart.nodes[2].style.stroke, None);
}

#[test]
fn semicolons_separate_statements() {
    let chart = chart("graph LR; A --> B; B --> C;");
    assert_eq!(chart.edges.len(), 2);
}

#[test]
fn the_lessons_topology_graph_parses() {
    let chart = chart(&crate::diagram::tests::lesson_graph().join("\n"));
    assert_eq!(chart.nodes.len(), 9);
    assert_eq!(
        chart
            .subgraphs
            .iter()
            .map(|subgraph| subgraph.title.as_str())
            .collect::<Vec<_>>(),
        ["Node A", "Node B"]
    );
    assert_eq!(chart.edges.len(), 8);
    let cni = chart.nodes.iter().find(|node| node.id == "CNI").unwrap();
    assert_eq!(
        (cni.shape, cni.label.clone(), cni.subgraph),
        (Shape::Hexagon, vec!["CNI Network".to_owned()], None)
    );
    assert_eq!(
        chart
            .edges
            .iter()
            .filter(|edge| edge.stroke == Stroke::Thick)
            .count(),
        2
    );
}

#[test]
fn bad_input_names_line_and_column() {
    let cases = [
        ("", 1, 1, "empty"),
        ("sequenceDiagram\n A->>B: hi", 1, 1, "not supported"),
        ("graph XY", 1, 1, "unknown direction"),
        ("graph TB\n A[open", 2, 8, "not closed with `]`"),
        ("graph TB\n A(\"quote)", 2, 11, "not closed with `\"`"),
        ("graph TB\n A -> B", 2, 4, "`->` is not an edge"),
        ("graph TB\n A --> ", 2, 8, "expected a node id"),
        ("graph TB\n A --> B\n end", 3, 2, "without a `subgraph`"),
        ("graph TB\n subgraph S\n A", 2, 2, "has no `end`"),
        (
            "graph TB\n click A callback",
            2,
            2,
            "not in manabi's flowchart subset",
        ),
        (
            "graph TB\n subgraph S\n end\n S --> A",
            4,
            2,
            "edges to subgraphs",
        ),
        ("graph TB\n A -->|label B", 2, 15, "not closed with `|`"),
        ("graph TB\n A B", 2, 4, "expected an edge"),
        (
            "graph TB\n subgraph A[x]\n end\n subgraph A[y]\n end",
            4,
            2,
            "defined twice",
        ),
        (
            "graph TB\n subgraph A[x] extra\n end",
            2,
            16,
            "unexpected text after",
        ),
        (
            "graph TB\n class a",
            2,
            9,
            "needs node ids and a class name",
        ),
    ];
    for (source, line, column, message) in cases {
        let found = error(source);
        assert_eq!(
            (found.line, found.column),
            (line, column),
            "{source:?}: {found:?}"
        );
        assert!(found.message.contains(message), "{source:?}: {found:?}");
    }
}

#[test]
fn a_node_belongs_to_the_subgraph_it_is_written_in() {
    // Mermaid's own example: c1 --> a2 names a2 first, outside `one`.
    let chart = chart("flowchart TB\n c1-->a2\n subgraph one\n a1-->a2\n end\n class c1 x\n");
    let membership: Vec<(&str, Option<usize>)> = chart
        .nodes
        .iter()
        .map(|node| (node.id.as_str(), node.subgraph))
        .collect();
    assert_eq!(membership, [("c1", None), ("a2", Some(0)), ("a1", Some(0))]);
}

#[test]
fn style_and_class_on_a_subgraph_add_no_node() {
    let chart = chart(
        "graph TB\n subgraph NodeA[\"Node A\"]\n a\n end\n style NodeA fill:#eee\n class NodeA pod\n",
    );
    assert_eq!(chart.nodes.len(), 1);
}

#[test]
fn edge_labels_without_spaces_or_with_arrows_inside_quotes() {
    let cases = [
        ("A--text-->B", "text", Stroke::Normal),
        ("A -- text-->B", "text", Stroke::Normal),
        ("A -.text.-> B", "text", Stroke::Dotted),
        ("A -- \"a --> b\" --> B", "a --> b", Stroke::Normal),
        ("A -->|\"a|b\"| B", "a|b", Stroke::Normal),
        ("A -- api-server --> B", "api-server", Stroke::Normal),
        ("A -->|行<br/>2| B", "行 2", Stroke::Normal),
    ];
    for (statement, label, stroke) in cases {
        let chart = chart(&format!("graph LR\n{statement}"));
        assert_eq!(chart.nodes.len(), 2, "{statement}: {chart:?}");
        assert_eq!(
            (chart.edges[0].label.as_deref(), chart.edges[0].stroke),
            (Some(label), stroke),
            "{statement}"
        );
    }
}

#[test]
fn ids_that_start_with_a_keyword_are_ids() {
    let chart = chart("graph LR\n style_db --> class_a\n subgraph_1 --> end_node\n");
    let ids: Vec<&str> = chart.nodes.iter().map(|node| node.id.as_str()).collect();
    assert_eq!(ids, ["style_db", "class_a", "subgraph_1", "end_node"]);
    assert!(chart.subgraphs.is_empty());
}

#[test]
fn empty_labels_and_titles_without_brackets() {
    let chart = chart("graph TB\n A[]\n subgraph My Title\n B\n end\n");
    assert_eq!(chart.nodes[0].label, [""]);
    assert_eq!(chart.subgraphs[0].title, "My Title");
}
