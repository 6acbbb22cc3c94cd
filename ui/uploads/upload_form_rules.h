#pragma once
// The upload form's rules, the same as the server's (docs/API.md §6 PATCH /videos/:id, §8 metadata), checked
// before anything is sent so the creator sees the problem beside the field.
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include "ui/uploads/upload_item.h"

namespace fc::ui {

// The title a new upload starts with: the file name without its extension, cut to 100 characters.
QString defaultUploadTitle(const QString& file_path);
// "a, b,,c , a" → ["a", "b", "c"]: trimmed, empty and repeated tags dropped.
QStringList splitTags(const QString& comma_separated);
// A readable sentence naming the first rule the form breaks; empty when it can be sent.
QString validateUploadForm(const UploadForm& form);
bool isVisibility(const QString& text); // "public", "unlisted" or "private"
// The PATCH /api/v1/videos/<id> body for the whole form.
QJsonObject uploadFormJson(const UploadForm& form);
// Whether the tus creation metadata (title, description, visibility) already says everything in the form.
bool formFitsCreationMetadata(const UploadForm& form);

} // namespace fc::ui
