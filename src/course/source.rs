//! Where course files come from: the course embedded in the binary at build time, or a
//! folder on disk given with `--course`. Reads never leave the course folder.

use std::io;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use super::Problem;

/// `lessons/` as the build script packed it: the same files, each deflated.
static EMBEDDED_COURSE: Dir<'static> = include_dir!("$OUT_DIR/course");

/// The root a course is read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CourseSource {
    /// The `lessons/` folder built into the binary.
    Embedded,
    /// A course folder on disk.
    Directory(PathBuf),
}

impl CourseSource {
    /// How a file of this course is named in messages: a path the author can open.
    #[must_use]
    pub fn display_path(&self, relative: &str) -> String {
        match self {
            Self::Embedded => format!("lessons/{relative}"),
            Self::Directory(root) => root.join(relative).display().to_string(),
        }
    }

    /// How a lesson's file is named in messages.
    #[must_use]
    pub fn lesson_display_path(&self, id: &str) -> String {
        self.display_path(&super::load::lesson_path(id))
    }

    /// Whether the course has this file.
    #[must_use]
    pub fn has_file(&self, relative: &str) -> bool {
        match self {
            Self::Embedded => EMBEDDED_COURSE.get_file(relative).is_some(),
            Self::Directory(root) => root.join(relative).is_file(),
        }
    }

    /// The course's top-level folders that hold a `lesson.md`, by name, sorted.
    #[must_use]
    pub fn lesson_folders(&self) -> Vec<String> {
        let mut names: Vec<String> = match self {
            Self::Embedded => EMBEDDED_COURSE
                .dirs()
                .filter_map(|dir| dir.path().to_str().map(str::to_owned))
                .collect(),
            Self::Directory(root) => std::fs::read_dir(root)
                .map(|entries| {
                    entries
                        .filter_map(Result::ok)
                        .filter(|entry| entry.path().is_dir())
                        .filter_map(|entry| entry.file_name().to_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default(),
        };
        names.retain(|name| self.has_file(&super::load::lesson_path(name)));
        names.sort();
        names
    }

    /// Reads a UTF-8 file of the course; `relative` uses `/` and must stay inside it.
    pub fn read(&self, relative: &str) -> Result<String, Problem> {
        let display = self.display_path(relative);
        let bytes = match self {
            Self::Embedded => EMBEDDED_COURSE
                .get_file(relative)
                .ok_or_else(|| Problem::at(&display, 0, 0, "file is missing"))
                .and_then(|file| {
                    miniz_oxide::inflate::decompress_to_vec(file.contents())
                        .map_err(|_| Problem::at(&display, 0, 0, "damaged in this build of manabi"))
                })?,
            Self::Directory(root) => read_inside(root, relative)
                .map_err(|error| Problem::at(&display, 0, 0, describe_io_error(&error)))?,
        };
        String::from_utf8(bytes).map_err(|error| {
            let offset = error.utf8_error().valid_up_to();
            let valid = &error.as_bytes()[..offset];
            let line = valid.split(|byte| *byte == b'\n').count();
            let column = 1 + valid
                .iter()
                .rev()
                .take_while(|byte| **byte != b'\n')
                .count();
            Problem::at(
                &display,
                line,
                column,
                "not UTF-8 text; save the file as UTF-8",
            )
        })
    }
}

/// Reads `root/relative`, refusing a path that resolves (through `..` or a symlink)
/// outside `root`: a course from an untrusted stick must not read the learner's files.
fn read_inside(root: &Path, relative: &str) -> io::Result<Vec<u8>> {
    let root = root.canonicalize()?;
    let path = root.join(relative).canonicalize()?;
    if !path.starts_with(&root) {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "leads outside the course folder",
        ));
    }
    std::fs::read(path)
}

fn describe_io_error(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "file is missing".to_owned(),
        io::ErrorKind::PermissionDenied if error.get_ref().is_some() => error.to_string(),
        _ => format!("cannot read: {error}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_course_has_its_index() {
        assert!(CourseSource::Embedded.has_file("course.yaml"));
        assert!(CourseSource::Embedded.read("course.yaml").is_ok());
        assert_eq!(
            CourseSource::Embedded.display_path("course.yaml"),
            "lessons/course.yaml"
        );
    }

    #[test]
    fn embedded_files_read_as_the_lessons_folder_holds_them() {
        let lessons = Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons");
        let mut files = 0;
        let mut folders = vec![PathBuf::new()];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(lessons.join(&folder)).unwrap() {
                let path = entry.unwrap().path();
                let relative = folder.join(path.file_name().unwrap());
                if path.is_dir() {
                    folders.push(relative);
                } else {
                    let name = relative.to_str().unwrap().replace('\\', "/");
                    let embedded = CourseSource::Embedded.read(&name).unwrap();
                    assert_eq!(embedded, std::fs::read_to_string(&path).unwrap(), "{name}");
                    files += 1;
                }
            }
        }
        assert!(files >= 4, "only {files} files in lessons/");
    }

    #[test]
    fn missing_file_is_a_problem_with_its_path() {
        let problem = CourseSource::Embedded.read("nope/lesson.md").unwrap_err();
        assert_eq!(
            problem.to_string(),
            "lessons/nope/lesson.md: file is missing"
        );
    }
}
