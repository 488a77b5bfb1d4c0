//! `…_part_N_of_M.xlsx`: Shopee (and other platforms) split a large export into pieces of
//! one report. Given together, the pieces import as ONE file would: one import, one
//! transaction, orders straddling two pieces counted once (`map::map_parts`).

use std::path::Path;

/// (the export's name without the part tag, N, M) of a piece's file name.
pub fn part_of(name: &str) -> Option<(String, u32, u32)> {
    let lower = name.to_lowercase();
    let at = lower.rfind("_part_")?;
    let rest = &lower[at + "_part_".len()..];
    let (n, rest) = rest.split_once("_of_")?;
    let digits = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let (m, ext) = rest.split_at(digits);
    let (n, m): (u32, u32) = (n.parse().ok()?, m.parse().ok()?);
    if n == 0 || n > m || !(ext.is_empty() || ext.starts_with('.')) {
        return None;
    }
    Some((format!("{}{ext}", &lower[..at]), n, m))
}

/// One group: the export's key (directory, name without the part tag, M) — None for a
/// file that is no part — and its members as (N, index in the paths given).
type Group = (Option<(String, u32)>, Vec<(u32, usize)>);

/// The paths grouped into imports, in the order first given: the pieces of one export (same
/// name and M, distinct N) form one group sorted by N; every other file is alone.
pub fn group<P: AsRef<Path>>(paths: &[P]) -> Vec<Vec<usize>> {
    let mut groups: Vec<Group> = Vec::new();
    for (i, p) in paths.iter().enumerate() {
        let name = p
            .as_ref()
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let dir = p
            .as_ref()
            .parent()
            .map(|d| d.to_string_lossy().into_owned());
        let key = part_of(&name)
            .map(|(base, n, m)| ((format!("{}/{base}", dir.unwrap_or_default()), m), n));
        match key {
            Some((k, n)) => match groups.iter_mut().find(|(g, members)| {
                g.as_ref() == Some(&k) && members.iter().all(|(other, _)| *other != n)
            }) {
                Some((_, members)) => members.push((n, i)),
                None => groups.push((Some(k), vec![(n, i)])),
            },
            None => groups.push((None, vec![(0, i)])),
        }
    }
    groups
        .into_iter()
        .map(|(_, mut members)| {
            members.sort();
            members.into_iter().map(|(_, i)| i).collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_names() {
        assert_eq!(
            part_of("Order.all.20260101_20260131_part_2_of_3.xlsx"),
            Some(("order.all.20260101_20260131.xlsx".into(), 2, 3))
        );
        assert_eq!(part_of("x_Part_1_of_2.XLS"), Some(("x.xls".into(), 1, 2)));
        assert_eq!(part_of("x_part_3_of_2.xlsx"), None);
        assert_eq!(part_of("x_part_0_of_2.xlsx"), None);
        assert_eq!(part_of("Order.all.xlsx"), None);
    }

    #[test]
    fn pieces_group_in_order_and_others_stay_alone() {
        let paths = [
            "d/a_part_2_of_2.xlsx",
            "d/other.csv",
            "d/a_part_1_of_2.xlsx",
            "e/a_part_1_of_2.xlsx",
        ];
        assert_eq!(group(&paths), vec![vec![2, 0], vec![1], vec![3]]);
        // The same piece twice is two imports (the second adds nothing), never one.
        assert_eq!(
            group(&["a_part_1_of_2.xlsx", "a_part_1_of_2.xlsx"]),
            vec![vec![0], vec![1]]
        );
    }
}
