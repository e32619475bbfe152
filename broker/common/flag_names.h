#ifndef LIAISON_BROKER_COMMON_FLAG_NAMES_H_
#define LIAISON_BROKER_COMMON_FLAG_NAMES_H_

namespace liaison {

// Lets command lines spell flags with dashes (--data-dir) as well as
// Abseil's underscores (--data_dir): rewrites '-' to '_' in the name part of
// every "--name[=value]" argument, in place, up to a bare "--". Call before
// absl::ParseCommandLine.
void NormalizeFlagNames(int argc, char** argv);

}  // namespace liaison

#endif  // LIAISON_BROKER_COMMON_FLAG_NAMES_H_
