#include "policy/text_location.h"

#include "liaison/policy/v1/policy.pb.h"

namespace liaison::policy::internal {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::TextFormat;

int LineOf(const TextFormat::ParseInfoTree* tree, const std::vector<Step>& path) {
  const Descriptor* d = policy::v1::Policy::descriptor();
  int line = 0;
  for (const Step& step : path) {
    if (tree == nullptr || d == nullptr) break;
    const FieldDescriptor* f = d->FindFieldByName(step.field);
    if (f == nullptr) break;
    auto location = tree->GetLocation(f, step.index);
    // List syntax ("fields: [a, b]") records one location for the field.
    if (location.line < 0 && step.index > 0) location = tree->GetLocation(f, 0);
    if (location.line < 0) break;
    line = location.line + 1;
    if (f->type() != FieldDescriptor::TYPE_MESSAGE) break;
    tree = tree->GetTreeForNested(f, step.index);
    d = f->message_type();
  }
  return line;
}

}  // namespace liaison::policy::internal
