#pragma once
// What an upload's Upload-Metadata means for its video: title, description, visibility and source file name.
#include "core/util/result.h"
#include "server/uploads/tus_headers.h"
#include "server/uploads/upload_repository.h"

namespace fc::server::uploads {

inline constexpr size_t kMaxTitleChars = 100;
inline constexpr size_t kMaxDescriptionChars = 5000;
inline constexpr size_t kMaxFilenameChars = 255;

// Keys: title, filename (or name), description, visibility (public|unlisted|private; default private); others
// (filetype, ...) are ignored. The title defaults to the file name without its extension.
// Fails with "invalid_request" naming the field.
Result<NewUpload> videoFieldsFromMetadata(const UploadMetadata& metadata);

} // namespace fc::server::uploads
