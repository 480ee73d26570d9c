use super::*;

fn quiz(text: &str) -> Quiz {
    match parse_quiz(text) {
        Ok(quiz) => quiz,
        Err(error) => panic!("{}:{}: {error}", error.line, error.column),
    }
}

/// A manifest question with these rules (YAML list items, indented by 6).
fn exercise(rules: &str) -> Question {
    let text = format!(
        "questions:\n  - id: m\n    checklist: 1\n    type: manifest\n    prompt: p\n    explain: e\n    template: 'kind: Service'\n    solution: 'kind: Ingress'\n    rules:\n{rules}"
    );
    quiz(&text).questions.remove(0)
}

fn verdict(question: &Question, answer: &str) -> Verdict {
    grade(question, &Response::Manifest(answer.to_owned())).unwrap()
}

const INGRESS: &str = "apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: api
  annotations:
    nginx.ingress.kubernetes.io/rewrite-target: /
spec:
  ingressClassName: nginx
  rules:
    - host: api.example.com
      http:
        paths:
          - path: /v1
            pathType: Prefix
            backend:
              service:
                name: api-server-v1
                port:
                  number: 80
          - path: /v2
            pathType: Prefix
            backend:
              service:
                name: api-server-v2
                port:
                  number: 80
";

#[test]
fn equals_passes_and_fails() {
    let question = exercise("      - path: spec.ingressClassName\n        equals: nginx\n");
    assert!(verdict(&question, INGRESS).right);
    let wrong = verdict(
        &question,
        &INGRESS.replace("ingressClassName: nginx", "ingressClassName: traefik"),
    );
    assert!(!wrong.right);
    assert_eq!(
        wrong.failures[0].reason,
        Reason::NotEqual {
            path: "spec.ingressClassName".to_owned(),
            expected: "nginx".to_owned(),
            found: "traefik".to_owned()
        }
    );
    let missing = verdict(&question, "kind: Ingress\n");
    assert_eq!(
        missing.failures[0].reason,
        Reason::Missing {
            path: "spec.ingressClassName".to_owned()
        }
    );
}

#[test]
fn equals_compares_typed_values_over_every_match() {
    let question = exercise(
        "      - path: spec.rules[*].http.paths[*].backend.service.port.number\n        equals: 80\n",
    );
    assert!(verdict(&question, INGRESS).right);
    let quoted = INGRESS.replacen("number: 80", "number: \"80\"", 1);
    assert!(!verdict(&question, &quoted).right);
    let one_off = INGRESS.replacen("number: 80", "number: 8080", 1);
    assert!(!verdict(&question, &one_off).right);
}

#[test]
fn contains_passes_and_fails() {
    let question = exercise(
        "      - path: spec.policyTypes\n        contains: Egress\n        message: spec.policyTypes に Egress がありません\n",
    );
    assert!(verdict(&question, "spec:\n  policyTypes: [Ingress, Egress]\n").right);
    let wrong = verdict(&question, "spec:\n  policyTypes: [Ingress]\n");
    assert_eq!(
        wrong.failures[0].reason,
        Reason::Authored("spec.policyTypes に Egress がありません".to_owned())
    );
    // Through a wildcard, the values themselves are the collection.
    let names = exercise(
        "      - path: spec.rules[*].http.paths[*].backend.service.name\n        contains: api-server-v2\n",
    );
    assert!(verdict(&names, INGRESS).right);
    assert!(!verdict(&names, &INGRESS.replace("api-server-v2", "web")).right);
}

#[test]
fn matches_passes_and_fails() {
    let question =
        exercise("      - path: spec.rules[*].host\n        matches: '^api\\.example\\.com$'\n");
    assert!(verdict(&question, INGRESS).right);
    let wrong = verdict(
        &question,
        &INGRESS.replace("api.example.com", "web.example.com"),
    );
    assert!(matches!(wrong.failures[0].reason, Reason::NoMatch { .. }));
    assert!(!verdict(&question, "spec: {}\n").right);
}

#[test]
fn exists_and_absent_pass_and_fail() {
    let exists = exercise(
        "      - path: metadata.annotations[\"nginx.ingress.kubernetes.io/rewrite-target\"]\n        exists: true\n",
    );
    assert!(verdict(&exists, INGRESS).right);
    assert!(!verdict(&exists, "metadata:\n  annotations: {}\n").right);
    let absent = exercise("      - path: spec.egress\n        absent: true\n");
    assert!(verdict(&absent, "spec:\n  ingress: []\n").right);
    let present = verdict(&absent, "spec:\n  egress: []\n");
    assert_eq!(
        present.failures[0].reason,
        Reason::Present {
            path: "spec.egress".to_owned()
        }
    );
}

#[test]
fn has_item_matches_nested_fields_in_lists_or_items() {
    let question = exercise(
        "      - path: spec.rules[*].http.paths\n        has_item: {path: /v1, backend: {service: {name: api-server-v1}}}\n",
    );
    assert!(verdict(&question, INGRESS).right);
    let wildcard = exercise(
        "      - path: spec.rules[*].http.paths[*]\n        has_item: {path: /v2, backend: {service: {name: api-server-v2}}}\n",
    );
    assert!(verdict(&wildcard, INGRESS).right);
    let swapped = INGRESS
        .replace("name: api-server-v1", "name: TMP")
        .replace("name: api-server-v2", "name: api-server-v1")
        .replace("name: TMP", "name: api-server-v2");
    let wrong = verdict(&question, &swapped);
    assert!(
        matches!(wrong.failures[0].reason, Reason::NoItem { .. }),
        "{wrong:?}"
    );
}

const POLICIES: &str = "questions:
  - id: policies
    checklist: 1
    type: manifest
    prompt: p
    explain: e
    template: |
      kind: NetworkPolicy
    solution: |
      kind: NetworkPolicy
      spec:
        podSelector: {}
        policyTypes: [Ingress, Egress]
      ---
      kind: NetworkPolicy
      spec:
        podSelector: {matchLabels: {app: api-server}}
        ingress:
          - ports: [{port: 3000}]
    documents:
      - name: default-deny
        rules:
          - path: spec.podSelector
            equals: {}
          - path: spec.policyTypes
            contains: Egress
      - name: allow
        rules:
          - path: spec.ingress[*].ports
            has_item: {port: 3000}
";

#[test]
fn several_documents_each_need_their_own_in_any_order() {
    let question = quiz(POLICIES).questions.remove(0);
    let Kind::Manifest(exercise) = &question.kind else {
        panic!("not a manifest");
    };
    assert!(verdict(&question, &exercise.solution).right);
    let parts: Vec<&str> = exercise.solution.split("---\n").collect();
    let reversed = format!("{}---\n{}", parts[1], parts[0]);
    assert!(verdict(&question, &reversed).right);
    let only_deny = verdict(&question, parts[0]);
    assert!(!only_deny.right);
    assert_eq!(only_deny.failures[0].document.as_deref(), Some("allow"));
    let template = verdict(&question, &exercise.template);
    assert!(!template.right);
    assert!(
        template
            .failures
            .iter()
            .any(|failure| failure.document.as_deref() == Some("default-deny"))
    );
}

#[test]
fn one_document_cannot_stand_for_two() {
    let text = POLICIES.replace(
        "          - path: spec.ingress[*].ports\n            has_item: {port: 3000}\n",
        "          - path: kind\n            equals: NetworkPolicy\n",
    );
    let question = quiz(&text).questions.remove(0);
    let single = verdict(
        &question,
        "kind: NetworkPolicy\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n",
    );
    assert!(!single.right);
    assert_eq!(single.failures.len(), 1);
}

const CHOICES: &str = "questions:
  - id: svc-type
    checklist: 1
    section: NodePort
    type: choice
    prompt: どれ？
    choices: [ClusterIP, NodePort, LoadBalancer]
    answer: 2
    explain: なぜなら
  - id: svc-many
    checklist: 1
    type: multi
    prompt: 全部
    choices: [a, b, c, d]
    answer: [3, 1]
    explain: e
  - id: dns
    checklist: 2
    type: text
    prompt: 名前は？
    accept: [my-service.my-namespace, my-service.my-namespace.svc.cluster.local]
    explain: e
";

#[test]
fn choice_multi_and_text_are_graded() {
    let quiz = quiz(CHOICES);
    let graded =
        |index: usize, response: Response| grade(&quiz.questions[index], &response).unwrap().right;
    assert!(graded(0, Response::Choice(1)));
    assert!(!graded(0, Response::Choice(0)));
    assert!(graded(1, Response::Multi(vec![2, 0])));
    assert!(!graded(1, Response::Multi(vec![0])));
    assert!(!graded(1, Response::Multi(vec![0, 2, 3])));
    assert!(graded(
        2,
        Response::Text("ｍｙ－ｓｅｒｖｉｃｅ．ｍｙ－ｎａｍｅｓｐａｃｅ".to_owned())
    ));
    assert!(graded(
        2,
        Response::Text(" My-Service.my-namespace.svc.cluster.local ".to_owned())
    ));
    assert!(!graded(2, Response::Text("my-service".to_owned())));
    assert!(!graded(2, Response::Text(String::new())));
    assert!(!graded(0, Response::Text("NodePort".to_owned())));
    assert_eq!(quiz.questions_for(1), [0, 1]);
    assert_eq!(quiz.questions[2].line, 17);
}

#[test]
fn broken_quiz_files_name_the_line() {
    let cases: &[(&str, &str, usize)] = &[
        ("answer: 2\n", "answer: 4\n", 8),
        ("answer: 2\n", "answer: [1, 2]\n", 8),
        ("    answer: [3, 1]\n", "", 10),
        ("type: text", "type: essay", 19),
        (
            "    explain: なぜなら\n",
            "    explain: なぜなら\n    accept: [x]\n",
            10,
        ),
        ("    section: NodePort\n", "    sectoin: NodePort\n", 4),
        ("id: dns", "id: svc-type", 17),
        ("choices: [a, b, c, d]", "choices: [a]", 14),
        (
            "accept: [my-service.my-namespace, my",
            "accept: [my-service.my-namespace, ＭＹ-Service.my-namespace, my",
            21,
        ),
    ];
    for (from, to, line) in cases {
        let broken = CHOICES.replacen(from, to, 1);
        let error = parse_quiz(&broken).unwrap_err();
        assert_eq!(error.line, *line, "{to:?}: {error}");
        if to.contains("ＭＹ") {
            assert!(
                error
                    .message
                    .contains("compared as `my-service.my-namespace` already is"),
                "{error}"
            );
        }
        if to.contains("sectoin") {
            assert!(error.message.contains("did you mean `section`"), "{error}");
        }
    }
}

#[test]
fn broken_rules_name_their_line_and_column() {
    let bad_path = "questions:\n  - id: m\n    checklist: 1\n    type: manifest\n    prompt: p\n    explain: e\n    template: 'a: 1'\n    solution: 'a: 2'\n    rules:\n      - path: kind\n        equals: A\n      - path: spec..x\n        exists: true\n";
    let error = parse_quiz(bad_path).unwrap_err();
    assert_eq!((error.line, error.column), (12, 20), "{error}");
    let two_checks = bad_path.replace(
        "spec..x\n        exists: true",
        "spec\n        exists: true\n        absent: true",
    );
    assert_eq!(parse_quiz(&two_checks).unwrap_err().line, 12);
    let bad_regex = bad_path.replace(
        "spec..x\n        exists: true",
        "spec\n        matches: '(['",
    );
    assert!(
        parse_quiz(&bad_regex)
            .unwrap_err()
            .message
            .contains("regular expression")
    );
    // Unicode classes are not in regex-lite's syntax (the authoring guide says so).
    let unicode_class = bad_path.replace(
        "spec..x\n        exists: true",
        "spec\n        matches: '\\p{Han}'",
    );
    assert!(
        parse_quiz(&unicode_class)
            .unwrap_err()
            .message
            .contains("`matches: \\p{Han}` is not a regular expression")
    );
    let none = bad_path.replace("    rules:\n      - path: kind\n        equals: A\n      - path: spec..x\n        exists: true\n", "");
    assert!(
        parse_quiz(&none)
            .unwrap_err()
            .message
            .contains("`rules` or `documents`")
    );
}

#[test]
fn an_unreadable_manifest_is_not_graded() {
    let question = exercise("      - path: kind\n        equals: Ingress\n");
    let error = grade(&question, &Response::Manifest("kind: [\n".to_owned())).unwrap_err();
    assert!(
        matches!(error, AnswerError::Syntax { line: 2, .. }),
        "{error:?}"
    );
    assert_eq!(
        grade(&question, &Response::Manifest(String::new())),
        Err(AnswerError::Empty)
    );
}

#[test]
fn an_example_given_the_wrong_verdict_is_a_problem_of_check() {
    let course = crate::course::load_course(&crate::course::CourseSource::Embedded).unwrap();
    let super::LessonQuiz::Ready(quiz) =
        super::load_quiz(&crate::course::CourseSource::Embedded, &course.lessons[0])
    else {
        panic!("no quiz");
    };
    assert!(example_problems(&quiz).is_empty());
    let mut question = quiz
        .questions
        .iter()
        .find(|question| question.id == "netpol-deny-and-allow-manifest")
        .unwrap()
        .clone();
    let Kind::Manifest(exercise) = &mut question.kind else {
        panic!("not a manifest question");
    };
    let line = exercise.examples[0].line;
    exercise.examples[0].right = !exercise.examples[0].right;
    let problems = example_problems(&Quiz {
        questions: vec![question],
    });
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].line, line);
    assert!(
        problems[0]
            .message
            .contains("example 1: should be graded wrong, is graded right"),
        "{}",
        problems[0].message
    );
}
