#include "server/uploads/upload_metadata.h"

#include <filesystem>
#include <optional>
#include <string_view>

#include "server/store/visibility.h"

namespace fc::server::uploads {
namespace {

// Code points in valid UTF-8; nullopt when the text is not valid UTF-8.
std::optional<size_t> utf8Length(std::string_view text) {
    size_t count = 0;
    size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        size_t extra = 0;
        if (lead >= 0x80) {
            if ((lead >> 5) == 0x6)
                extra = 1;
            else if ((lead >> 4) == 0xE)
                extra = 2;
            else if ((lead >> 3) == 0x1E)
                extra = 3;
            else
                return std::nullopt;
        }
        if (i + extra >= text.size())
            return std::nullopt;
        for (size_t k = 1; k <= extra; ++k)
            if ((static_cast<unsigned char>(text[i + k]) >> 6) != 0x2)
                return std::nullopt;
        i += extra + 1;
        ++count;
    }
    return count;
}

std::string truncateUtf8(const std::string& text, size_t max_chars) {
    size_t chars = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) >> 6) == 0x2)
            continue; // continuation byte
        if (chars++ == max_chars)
            return text.substr(0, i);
    }
    return text;
}

std::string trimmed(const std::string& text) {
    const size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

} // namespace

Result<NewUpload> videoFieldsFromMetadata(const UploadMetadata& metadata) {
    NewUpload fields;
    auto value = [&](const char* key) -> std::string {
        const auto it = metadata.find(key);
        return it == metadata.end() ? std::string() : it->second;
    };
    std::string filename = value("filename");
    if (filename.empty())
        filename = value("name"); // Uppy and some tus clients
    filename = std::filesystem::path(filename).filename().string();
    if (const size_t slash = filename.find_last_of('\\'); slash != std::string::npos)
        filename = filename.substr(slash + 1);
    if (!utf8Length(filename))
        return makeError("invalid_request", "metadata filename must be UTF-8 text");
    fields.source_filename = truncateUtf8(filename, kMaxFilenameChars);

    std::string title = trimmed(value("title"));
    if (title.empty()) {
        const std::string stem = std::filesystem::path(fields.source_filename).stem().string();
        title = truncateUtf8(trimmed(stem.empty() ? fields.source_filename : stem), kMaxTitleChars);
    }
    if (title.empty())
        title = "Untitled video";
    const auto titleChars = utf8Length(title);
    if (!titleChars)
        return makeError("invalid_request", "metadata title must be UTF-8 text");
    if (*titleChars > kMaxTitleChars)
        return makeError("invalid_request", "metadata title must be at most 100 characters");
    fields.title = title;

    fields.description = value("description");
    const auto descriptionChars = utf8Length(fields.description);
    if (!descriptionChars || *descriptionChars > kMaxDescriptionChars)
        return makeError("invalid_request",
                         "metadata description must be UTF-8 text of at most 5000 characters");

    const std::string visibility = value("visibility");
    if (visibility.empty()) {
        fields.visibility = "private";
    } else if (parseVisibility(visibility)) {
        fields.visibility = visibility;
    } else {
        return makeError("invalid_request", "metadata visibility must be public, unlisted or private");
    }
    return fields;
}

} // namespace fc::server::uploads
