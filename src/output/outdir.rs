//! The output folder of `--out` and `check --bless`: one file per input, mirroring the inputs'
//! tree, each written atomically (temp file + rename), and never outside the folder.
//!
//! Issue 11 found three ways out: a name like `..txt` mapped to `OUTDIR/..`, a symlinked folder
//! inside OUTDIR, and a symlink planted at a predictable temporary name. So output names are
//! mapped to plain file names, every folder on the way is checked to stay below OUTDIR's real
//! path, temporaries are created new (`O_EXCL`) under random names, and the final rename
//! replaces whatever link sits at the output name instead of writing through it.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use tempfile::NamedTempFile;

use crate::input::Source;

/// Prefix of temporary files: short, so that a 250-byte output name still has a temporary
/// name the file system accepts (9 bytes in all with the random part).
const TEMP_PREFIX: &str = ".cx";
const TEMP_RANDOM: usize = 6;

/// Where the output of an input at `relative` (below its folder argument) goes, relative to
/// the output folder: the same path with the extension replaced by `extension`. A name whose
/// stem is `.` or `..` (`..txt`) keeps its whole name (`..txt.json`), so that no output is
/// ever named `.` or `..`; a path that is not a plain relative path is refused.
pub fn output_relative(relative: &Path, extension: &str) -> io::Result<PathBuf> {
    let name = match relative.file_name() {
        Some(name) if plain(relative) => name,
        _ => return Err(not_plain(relative)),
    };
    let stem = Path::new(name).file_stem().unwrap_or(name);
    let mut out = if stem == "." || stem == ".." {
        name.to_os_string()
    } else {
        stem.to_os_string()
    };
    out.push(".");
    out.push(extension);
    Ok(relative.with_file_name(out))
}

/// Whether every component of `relative` is a plain name (no root, `.` or `..`).
fn plain(relative: &Path) -> bool {
    relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
}

fn not_plain(relative: &Path) -> io::Error {
    io::Error::other(format!(
        "{} cannot be mirrored below the output folder (not a plain relative path)",
        relative.display()
    ))
}

/// A folder that receives one output file per input, mirroring the inputs' tree.
#[derive(Clone, Debug)]
pub struct OutDir {
    /// As given: output paths are reported below it.
    root: PathBuf,
    /// Its canonical path: every file is written below it.
    real_root: PathBuf,
    /// Test hook: every file write fails with "no space left" after this many bytes, to prove
    /// that a full disk leaves no partial files.
    fail_after: Option<u64>,
}

impl OutDir {
    /// Creates the folder (and its parents) when missing.
    pub fn create(root: &Path) -> io::Result<OutDir> {
        std::fs::create_dir_all(root)?;
        Ok(OutDir {
            root: root.to_path_buf(),
            real_root: root.canonicalize()?,
            fail_after: None,
        })
    }

    /// Makes every write fail as on a full disk once a file reaches `bytes` bytes.
    pub fn simulate_full_disk_after(mut self, bytes: Option<u64>) -> OutDir {
        self.fail_after = bytes;
        self
    }

    /// Where the output of an input at `relative` goes: see [`output_relative`].
    pub fn target(&self, relative: &Path, extension: &str) -> io::Result<PathBuf> {
        Ok(self.root.join(output_relative(relative, extension)?))
    }

    /// Starts writing `target` (a path below the folder, as [`OutDir::target`] gives): the
    /// data goes to a new hidden temporary file beside it, which [`AtomicFile::commit`]
    /// renames into place and dropping removes. Missing folders on the way are created; one
    /// that leads outside the output folder (a symlink) is an error.
    pub fn open(&self, target: &Path) -> io::Result<AtomicFile> {
        let relative = target
            .strip_prefix(&self.root)
            .map_err(|_| self.outside(target))?;
        let (Some(name), Some(parents)) = (relative.file_name(), relative.parent()) else {
            return Err(not_plain(relative));
        };
        if !plain(relative) {
            return Err(not_plain(relative));
        }
        let mut dir = self.real_root.clone();
        // The same folder as the user named it, for messages.
        let mut shown = self.root.clone();
        for part in parents.components() {
            let next = dir.join(part);
            shown.push(part);
            match std::fs::create_dir(&next) {
                Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
                _ => {}
            }
            // Follow a symlinked folder only while it stays below the real root.
            dir = next.canonicalize()?;
            if !dir.starts_with(&self.real_root) {
                return Err(self.outside(&shown));
            }
        }
        let mut builder = tempfile::Builder::new();
        builder.prefix(TEMP_PREFIX).rand_bytes(TEMP_RANDOM);
        // An output is as readable as any file the user creates (umask applies), not 0600.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let temp = builder.tempfile_in(&dir)?;
        Ok(AtomicFile {
            file: Some(temp),
            target: dir.join(name),
            written: 0,
            fail_after: self.fail_after,
        })
    }

    fn outside(&self, path: &Path) -> io::Error {
        io::Error::other(format!(
            "{} leads outside the output folder {} (a symlinked folder?); not written",
            path.display(),
            self.root.display()
        ))
    }

    /// Writes `bytes` to `target` atomically: either the whole new file is there, or the old
    /// state is left untouched.
    pub fn write(&self, target: &Path, bytes: &[u8]) -> io::Result<()> {
        let mut file = self.open(target)?;
        file.write_all(bytes)?;
        file.commit()
    }

    /// The first input whose output file would be that input itself (`recs.jsonl --out .`),
    /// compared by device and inode (a hard link or symlink is the same file), with the path
    /// of that output. Such a run would replace its input with its output, so it is refused
    /// before anything is written.
    pub fn find_overwrite<'s>(
        &self,
        sources: &'s [Source],
        extension: &str,
    ) -> Option<(&'s Source, PathBuf)> {
        let inputs: std::collections::HashSet<FileKey> = sources
            .iter()
            .filter(|s| !s.is_stdin())
            .filter_map(|s| FileKey::of(&s.path))
            .collect();
        sources.iter().find_map(|source| {
            let target = self.target(&source.relative, extension).ok()?;
            let key = FileKey::of(&target)?;
            inputs.contains(&key).then_some((source, target))
        })
    }
}

/// What makes a file the same file whatever its name: device and inode on unix, the canonical
/// path elsewhere.
#[derive(Hash, PartialEq, Eq)]
struct FileKey(#[cfg(unix)] (u64, u64), #[cfg(not(unix))] PathBuf);

impl FileKey {
    fn of(path: &Path) -> Option<FileKey> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let meta = std::fs::metadata(path).ok()?;
            Some(FileKey((meta.dev(), meta.ino())))
        }
        #[cfg(not(unix))]
        {
            path.canonicalize().ok().map(FileKey)
        }
    }
}

/// A file being written under a temporary name; see [`OutDir::open`]. Dropped without
/// [`AtomicFile::commit`], the temporary file is removed.
pub struct AtomicFile {
    file: Option<NamedTempFile>,
    /// The final name, below the output folder's real path.
    target: PathBuf,
    written: u64,
    fail_after: Option<u64>,
}

impl AtomicFile {
    /// Flushes the data to disk and renames the file into place. The rename replaces a
    /// symlink at the final name; it never writes through it.
    pub fn commit(mut self) -> io::Result<()> {
        let file = self.file.take().expect("committed once");
        file.as_file().sync_all()?;
        file.persist(&self.target).map_err(|e| e.error)?;
        Ok(())
    }

    fn file(&mut self) -> &mut File {
        self.file.as_mut().expect("not yet committed").as_file_mut()
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let buf = match self.fail_after {
            Some(limit) if self.written + buf.len() as u64 > limit => {
                let room = (limit - self.written.min(limit)) as usize;
                if room == 0 {
                    return Err(io::Error::new(
                        io::ErrorKind::StorageFull,
                        "No space left on device (simulated)",
                    ));
                }
                &buf[..room]
            }
            _ => buf,
        };
        let n = self.file().write(buf)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        match self.file.as_mut() {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("claimex-outdir-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    fn files_below(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn output_names_stay_plain() {
        let cases = [
            ("a.txt", "a.json"),
            ("sub/a.txt", "sub/a.json"),
            ("..txt", "..txt.json"),
            ("..jsonl", "..jsonl.json"),
            (".txt", ".txt.json"),
            ("...txt", "...txt.json"),
            ("a..txt", "a..json"),
            ("noext", "noext.json"),
        ];
        for (input, output) in cases {
            let got = output_relative(Path::new(input), "json").unwrap();
            assert_eq!(got, Path::new(output), "{input}");
            assert!(plain(&got));
        }
        for bad in ["..", ".", "/etc/passwd", "a/../b.txt", ""] {
            assert!(output_relative(Path::new(bad), "json").is_err(), "{bad}");
        }
    }

    #[test]
    fn atomic_write_replaces_whole_file() {
        let dir = scratch("ok");
        let out = OutDir::create(&dir).unwrap();
        let target = out.target(Path::new("sub/a.txt"), "json").unwrap();
        assert_eq!(target, dir.join("sub/a.json"));
        out.write(&target, b"first").unwrap();
        out.write(&target, b"second").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"second");
        assert_eq!(files_below(&dir.join("sub")), ["a.json"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn full_disk_leaves_no_file_and_keeps_the_old_one() {
        let dir = scratch("full");
        let out = OutDir::create(&dir).unwrap();
        let target = dir.join("a.json");
        out.write(&target, b"old").unwrap();
        let full = out.clone().simulate_full_disk_after(Some(4));
        let err = full.write(&target, b"much longer").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::StorageFull);
        assert_eq!(std::fs::read(&target).unwrap(), b"old");
        assert_eq!(files_below(&dir), ["a.json"]);
        let err = full.write(&dir.join("b.json"), b"12345").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::StorageFull);
        assert_eq!(files_below(&dir), ["a.json"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn outputs_get_the_usual_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("mode");
        let out = OutDir::create(&dir).unwrap();
        out.write(&dir.join("a.json"), b"x").unwrap();
        std::fs::write(dir.join("b.json"), b"x").unwrap();
        let mode = |name: &str| {
            let meta = std::fs::metadata(dir.join(name)).unwrap();
            meta.permissions().mode() & 0o777
        };
        assert_eq!(mode("a.json"), mode("b.json"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn paths_outside_the_folder_are_refused() {
        let dir = scratch("outside");
        let out = OutDir::create(&dir.join("out")).unwrap();
        for bad in [dir.join("elsewhere.json"), dir.join("out/../x.json")] {
            assert!(out.write(&bad, b"x").is_err(), "{}", bad.display());
        }
        assert_eq!(files_below(&dir), ["out"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
