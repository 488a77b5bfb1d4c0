//! A sheet parsed on its own thread: the reader fills batches of rows while the caller maps
//! and writes the previous ones, so a large import keeps two cores busy instead of one
//! (issue 8: parsing the xlsx XML alone was about half of an import's time).

use std::sync::mpsc::{sync_channel, Receiver};
use std::thread::JoinHandle;

use super::Row;
use crate::error::{Error, Result};

/// Rows per hand-over, and hand-overs buffered ahead: ~200 rows in flight. A wide order row
/// is ~3 KiB of cells; 1.5k rows in flight were ~5 MiB of the import's peak memory, and
/// smaller hand-overs cost no measurable time (issue 20).
const BATCH: usize = 64;
const AHEAD: usize = 2;

/// Gives rows to the thread's producer; false once nobody listens (stop reading).
pub(crate) type Push<'p> = dyn FnMut(Result<Row>) -> bool + 'p;

/// Rows from a producer running on a thread that owns `S` (a workbook, a file).
pub(crate) struct Prefetch<S> {
    rx: Option<Receiver<Vec<Result<Row>>>>,
    batch: std::vec::IntoIter<Result<Row>>,
    worker: Option<JoinHandle<S>>,
    state: Option<S>,
    fail: Box<dyn Fn() -> Error + Send>,
}

/// Start `produce(&mut state, push)` on a thread. `fail` names the file when the thread dies.
pub(crate) fn spawn<S: Send + 'static>(
    mut state: S,
    produce: impl FnOnce(&mut S, &mut Push<'_>) + Send + 'static,
    fail: impl Fn() -> Error + Send + 'static,
) -> Prefetch<S> {
    let (tx, rx) = sync_channel::<Vec<Result<Row>>>(AHEAD);
    let worker = std::thread::Builder::new()
        .name("fupan-read".into())
        .spawn(move || {
            let mut batch = Vec::with_capacity(BATCH);
            let mut listening = true;
            produce(&mut state, &mut |row| {
                batch.push(row);
                if batch.len() == BATCH {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    listening = tx.send(full).is_ok();
                }
                listening
            });
            if listening && !batch.is_empty() {
                let _ = tx.send(batch);
            }
            state
        });
    let fail: Box<dyn Fn() -> Error + Send> = Box::new(fail);
    match worker {
        Ok(worker) => Prefetch {
            rx: Some(rx),
            batch: Vec::new().into_iter(),
            worker: Some(worker),
            state: None,
            fail,
        },
        // No thread (resource limits): the state went with the closure; say so once.
        Err(_) => Prefetch {
            rx: None,
            batch: vec![Err(fail())].into_iter(),
            worker: None,
            state: None,
            fail,
        },
    }
}

/// Push every row of `rows` (or its error) until the consumer stops listening.
pub(crate) fn push_all(rows: Result<impl Iterator<Item = Result<Row>>>, push: &mut Push<'_>) {
    match rows {
        Ok(rows) => {
            for row in rows {
                if !push(row) {
                    return;
                }
            }
        }
        Err(e) => {
            push(Err(e));
        }
    }
}

impl<S> Prefetch<S> {
    /// Stop the producer (it sees nobody listening) and take its state back.
    pub(crate) fn finish(&mut self) -> Option<S> {
        self.rx = None;
        self.batch = Vec::new().into_iter();
        if let Some(w) = self.worker.take() {
            self.state = w.join().ok();
        }
        self.state.take()
    }
}

impl<S> Iterator for Prefetch<S> {
    type Item = Result<Row>;

    fn next(&mut self) -> Option<Result<Row>> {
        loop {
            if let Some(row) = self.batch.next() {
                return Some(row);
            }
            let received = self.rx.as_ref()?.recv();
            match received {
                Ok(batch) => self.batch = batch.into_iter(),
                Err(_) => {
                    // The producer is done: a panic there must not look like a short sheet.
                    self.rx = None;
                    match self.worker.take().map(JoinHandle::join) {
                        Some(Ok(state)) => self.state = Some(state),
                        Some(Err(_)) => return Some(Err((self.fail)())),
                        None => {}
                    }
                    return None;
                }
            }
        }
    }
}

impl<S> Drop for Prefetch<S> {
    fn drop(&mut self) {
        // Never leave a reader thread blocked on a full channel.
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::read::Cell;

    fn row(n: u64) -> Result<Row> {
        Ok(Row {
            number: n,
            cells: vec![Cell::Int(n as i64)],
        })
    }

    #[test]
    fn hands_over_every_row_in_order_and_gives_the_state_back() {
        let mut p = spawn(
            7u32,
            |s, push| {
                for n in 1..=3000 {
                    if !push(row(n)) {
                        return;
                    }
                }
                *s += 1;
            },
            || Error::Internal("died".into()),
        );
        let numbers: Vec<u64> = p.by_ref().map(|r| r.unwrap().number).collect();
        assert_eq!(numbers, (1..=3000).collect::<Vec<_>>());
        assert_eq!(p.finish(), Some(8));
    }

    #[test]
    fn stopping_early_stops_the_producer() {
        let mut p = spawn(
            0u64,
            |s, push| {
                for n in 1..=10_000_000 {
                    *s = n;
                    if !push(row(n)) {
                        return;
                    }
                }
            },
            || Error::Internal("died".into()),
        );
        assert_eq!(p.next().unwrap().unwrap().number, 1);
        // At most the buffered batches were read ahead, not ten million rows.
        let read = p.finish().unwrap();
        assert!(read < ((AHEAD + 2) * BATCH) as u64, "{read}");
    }

    #[test]
    fn a_panicking_producer_is_an_error_not_a_short_sheet() {
        let mut p = spawn(
            (),
            |_, push| {
                push(row(1));
                panic!("reader bug");
            },
            || Error::Internal("died".into()),
        );
        assert!(matches!(p.next(), Some(Err(Error::Internal(_)))));
        assert!(p.next().is_none());
    }
}
