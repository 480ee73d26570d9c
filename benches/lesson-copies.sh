# Sourced by the benchmark scripts: makes "$work" (removed on exit) holding, for 1 and 10
# copies of the lesson body, a one-lesson course (course1 with the quiz, course10) for manabi and
# plain Markdown (lesson1.md, lesson10.md) for the peers; and course2, the lesson twice
# (a second id), which opens on the home screen.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
lesson=lessons/k8s-networking/lesson.md
front_end=$(grep -n '^---$' "$lesson" | sed -n 2p | cut -d: -f1)
head -n "$front_end" "$lesson" > "$work/front.md"
tail -n +"$((front_end + 1))" "$lesson" > "$work/body.md"
for times in 1 10; do
  course="$work/course$times"
  mkdir -p "$course/k8s-networking"
  printf 'title: bench\nlessons:\n  - k8s-networking\n' > "$course/course.yaml"
  { cat "$work/front.md"; for _ in $(seq "$times"); do cat "$work/body.md"; done; } > "$course/k8s-networking/lesson.md"
  for _ in $(seq "$times"); do cat "$work/body.md"; done > "$work/lesson$times.md"
done
# The lesson's quiz comes along (the reader loads it too); not to the ten-fold copy, whose
# sixty checklist items the quiz does not cover.
cp lessons/k8s-networking/quiz.yaml "$work/course1/k8s-networking/"
# Two lessons, each the whole lesson with its quiz: `manabi` opens the home screen on it.
mkdir -p "$work/course2"
printf 'title: bench\nlessons:\n  - k8s-networking\n  - k8s-networking-2\n' > "$work/course2/course.yaml"
cp -r "$work/course1/k8s-networking" "$work/course2/"
cp -r "$work/course1/k8s-networking" "$work/course2/k8s-networking-2"
sed -i 's/^id: k8s-networking$/id: k8s-networking-2/' "$work/course2/k8s-networking-2/lesson.md"
