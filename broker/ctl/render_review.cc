#include "broker/ctl/render_review.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "broker/ctl/render_text.h"
#include "broker/ctl/text_block.h"
#include "broker/ctl/text_table.h"

namespace liaison::ctl {
namespace {

std::string BestCandidateText(const v1::ReviewItem& item) {
  if (item.candidates().empty()) return "";
  const v1::ReviewCandidate& best = item.candidates(0);
  return absl::StrCat(best.crn(), " (weight ", FormatWeight(best.weight()), ")");
}

// "2026-11-22T10:00:00Z by reviewer-1"; "" while open.
std::string ResolvedText(const v1::ReviewItem& item) {
  if (item.resolved_by().empty() && !item.has_resolved_at()) return "";
  std::string text = FormatTimestamp(item.resolved_at());
  if (!item.resolved_by().empty()) {
    absl::StrAppend(&text, text.empty() ? "" : " ", "by ", item.resolved_by());
  }
  return text;
}

void AddResolution(const v1::ReviewItem& item, TextBlock& block) {
  block.Add("linked crn", item.linked_crn())
      .Add("resolved", ResolvedText(item))
      .Add("note", item.note());
}

std::string RenderHeader(const v1::ReviewItem& item) {
  TextBlock block;
  block.Add("notification", item.notification_id())
      .Add("decision", ShortEnumName(item.decision()))
      .Add("reason", item.reason())
      .Add("model", item.model_version())
      .Add("opened", FormatTimestamp(item.opened_at()))
      .Add("state", ShortEnumName(item.state()));
  AddResolution(item, block);
  return block.Render();
}

std::string RenderCandidate(const v1::CandidateDetail& candidate, int index, int count,
                            size_t width) {
  return absl::StrCat("--- candidate ", index, " of ", count, ": ", candidate.crn(), " ---\n",
                      RenderCandidateTable(candidate, width),
                      TextBlock()
                          .Add("weight", FormatWeight(candidate.weight()))
                          .Add("offender manager", candidate.offender_manager())
                          .Render());
}

}  // namespace

std::string FormatWeight(double weight) { return absl::StrFormat("%.2f", weight); }

std::string RenderReviewItem(const v1::ReviewItem& item) {
  TextBlock block;
  block.Add("notification", item.notification_id())
      .Add("opened", FormatTimestamp(item.opened_at()))
      .Add("decision", ShortEnumName(item.decision()))
      .Add("reason", item.reason())
      .Add("best candidate", BestCandidateText(item))
      .Add("candidates", absl::StrCat(item.candidates_size()))
      .Add("state", ShortEnumName(item.state()));
  AddResolution(item, block);
  return block.Render();
}

std::string RenderCandidateTable(const v1::CandidateDetail& candidate, size_t width) {
  TextTable table({{"FIELD"},
                   {"NOTIFICATION"},
                   {absl::StrCat("CANDIDATE (", candidate.crn(), ")")},
                   {"LEVEL"},
                   {"WEIGHT", /*align_right=*/true, /*wrap=*/false}});
  for (const v1::FieldRow& row : candidate.rows()) {
    table.AddRow({row.field(), row.subject_value(), row.candidate_value(), row.level(),
                  FormatWeight(row.weight())});
  }
  return table.Render(width);
}

std::string RenderReviewDetail(const v1::ReviewDetail& detail, size_t width) {
  std::string text = absl::StrCat(RenderHeader(detail.item()), "\n--- subject ---\n",
                                  RenderPerson(detail.subject()));
  const int count = detail.candidates_size();
  if (count == 0) absl::StrAppend(&text, "\nno candidates\n");
  for (int i = 0; i < count; ++i) {
    absl::StrAppend(&text, "\n", RenderCandidate(detail.candidates(i), i + 1, count, width));
  }
  return text;
}

}  // namespace liaison::ctl
