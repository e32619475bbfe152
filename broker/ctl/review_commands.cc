#include "broker/ctl/review_commands.h"

#include <algorithm>
#include <memory>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "broker/common/status_macros.h"
#include "broker/ctl/command_status.h"
#include "broker/ctl/render_review.h"
#include "liaison/v1/review_service.grpc.pb.h"

namespace liaison::ctl {
namespace {

// The broker's maximum page size.
constexpr uint64_t kMaxPageSize = 500;

struct StateName {
  v1::ReviewState state;
  absl::string_view name;
};

constexpr StateName kStateNames[] = {
    {v1::REVIEW_STATE_OPEN, "open"},
    {v1::REVIEW_STATE_LINKED, "linked"},
    {v1::REVIEW_STATE_NOT_LINKED, "not-linked"},
    {v1::REVIEW_STATE_SUPERSEDED, "superseded"},
    {v1::REVIEW_STATE_UNSPECIFIED, "all"},
};

absl::string_view StateFlagValue(v1::ReviewState state) {
  for (const StateName& entry : kStateNames) {
    if (entry.state == state) return entry.name;
  }
  return "?";
}

v1::ListReviewsRequest ListRequest(const ReviewListOptions& options) {
  v1::ListReviewsRequest request;
  if (options.state == v1::REVIEW_STATE_UNSPECIFIED) {
    request.set_all_states(true);
  } else {
    request.set_state(options.state);
  }
  request.set_page_token(options.page_token);
  return request;
}

absl::Status PrintReviewItem(const v1::ReviewItem& item, const Output& output) {
  if (output.json) return WriteJsonLine(item, output.out);
  output.out << RenderReviewItem(item) << '\n';
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<v1::ReviewState> ParseReviewState(absl::string_view value) {
  const std::string name = absl::StrReplaceAll(absl::AsciiStrToLower(value), {{"_", "-"}});
  for (const StateName& entry : kStateNames) {
    if (name == entry.name) return entry.state;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "--state: \"", value, "\" is not one of open, linked, not-linked, superseded, all"));
}

absl::Status ReviewList(const Connection& connection, const ReviewListOptions& options,
                        const Output& output) {
  auto stub = v1::Review::NewStub(connection.channel());
  v1::ListReviewsRequest request = ListRequest(options);
  uint64_t printed = 0;
  while (true) {
    if (options.limit != 0) {
      request.set_page_size(
          static_cast<uint32_t>(std::min(options.limit - printed, kMaxPageSize)));
    }
    grpc::ClientContext context;
    connection.ConfigureUnaryCall(context);
    v1::ListReviewsResponse response;
    RETURN_IF_ERROR(FromGrpcStatus(stub->ListReviews(&context, request, &response)));
    for (const v1::ReviewItem& item : response.items()) {
      if (options.limit != 0 && printed >= options.limit) break;
      RETURN_IF_ERROR(PrintReviewItem(item, output));
      ++printed;
    }
    if (response.next_page_token().empty()) break;
    if (options.limit != 0 && printed >= options.limit) {
      output.err << "more items: --state=" << StateFlagValue(options.state)
                 << " --page-token=" << response.next_page_token() << "\n";
      break;
    }
    if (response.next_page_token() == request.page_token()) {
      return absl::InternalError("the broker repeated a page token");
    }
    request.set_page_token(response.next_page_token());
  }
  if (printed == 0 && !output.json) output.out << "no review items\n";
  return absl::OkStatus();
}

absl::Status ReviewShow(const Connection& connection, const std::string& notification_id,
                        const Output& output) {
  auto stub = v1::Review::NewStub(connection.channel());
  v1::GetReviewRequest request;
  request.set_notification_id(notification_id);
  grpc::ClientContext context;
  connection.ConfigureUnaryCall(context);
  v1::ReviewDetail detail;
  RETURN_IF_ERROR(FromGrpcStatus(stub->GetReview(&context, request, &detail)));
  if (output.json) return WriteJsonLine(detail, output.out);
  output.out << RenderReviewDetail(detail) << '\n';
  return absl::OkStatus();
}

absl::Status ValidateReviewResolveOptions(const ReviewResolveOptions& options) {
  if (options.link_crn.empty() == options.not_linked) return absl::OkStatus();
  return absl::InvalidArgumentError(options.not_linked
                                        ? "--link and --not-linked exclude each other"
                                        : "one of --link=CRN or --not-linked is required");
}

absl::Status ReviewResolve(const Connection& connection, const ReviewResolveOptions& options,
                           const Output& output) {
  RETURN_IF_ERROR(ValidateReviewResolveOptions(options));
  v1::ResolveReviewRequest request;
  request.set_notification_id(options.notification_id);
  if (options.not_linked) {
    request.set_not_linked(true);
  } else {
    request.set_link_crn(options.link_crn);
  }
  request.set_note(options.note);
  auto stub = v1::Review::NewStub(connection.channel());
  grpc::ClientContext context;
  connection.ConfigureUnaryCall(context);
  v1::ReviewItem item;
  RETURN_IF_ERROR(FromGrpcStatus(stub->ResolveReview(&context, request, &item)));
  return PrintReviewItem(item, output);
}

}  // namespace liaison::ctl
