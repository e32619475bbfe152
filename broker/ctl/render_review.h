#ifndef LIAISON_BROKER_CTL_RENDER_REVIEW_H_
#define LIAISON_BROKER_CTL_RENDER_REVIEW_H_

// Readable text forms of the match review queue's records (Review service).

#include <cstddef>
#include <string>

#include "liaison/v1/review_service.pb.h"

namespace liaison::ctl {

// The width `review show` fits its side-by-side tables to.
inline constexpr size_t kReviewTableWidth = 100;

// A weight as printed: two decimals ("9.50", "-3.25").
std::string FormatWeight(double weight);

// A TextBlock: notification, opened, decision, reason, best candidate (CRN
// and weight), number of candidates, state, and once resolved the linked
// CRN, when and by whom, and the note.
std::string RenderReviewItem(const v1::ReviewItem& item);

// One candidate's side-by-side table, columns FIELD | NOTIFICATION |
// CANDIDATE (<crn>) | LEVEL | WEIGHT, one row per FieldRow, fitted to
// `width` by wrapping the long values (text_table.h).
std::string RenderCandidateTable(const v1::CandidateDetail& candidate, size_t width);

// The whole review: a header block (notification, decision, reason, model,
// opened, state, resolution), the subject as recorded, then per candidate a
// "--- candidate i of n: CRN ---" line, its table, and its total weight and
// offender manager. Sections are separated by blank lines.
std::string RenderReviewDetail(const v1::ReviewDetail& detail, size_t width = kReviewTableWidth);

}  // namespace liaison::ctl

#endif  // LIAISON_BROKER_CTL_RENDER_REVIEW_H_
