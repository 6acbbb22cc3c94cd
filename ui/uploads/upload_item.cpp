#include "ui/uploads/upload_item.h"

#include <QFileInfo>

namespace fc::ui {
namespace {

struct StateName {
    UploadState::Value state;
    const char* name;
};

constexpr StateName kStateNames[] = {
    {UploadState::Waiting, "waiting"},
    {UploadState::Uploading, "uploading"},
    {UploadState::Paused, "paused"},
    {UploadState::Retrying, "retrying"},
    {UploadState::NeedsSignIn, "needs_sign_in"},
    {UploadState::Processing, "processing"},
    {UploadState::Ready, "ready"},
    {UploadState::Failed, "failed"},
    {UploadState::Cancelled, "cancelled"},
};

} // namespace

QString uploadStateName(UploadState::Value state) {
    for (const auto& entry : kStateNames)
        if (entry.state == state)
            return QString::fromLatin1(entry.name);
    return {};
}

UploadState::Value uploadStateFromName(const QString& name) {
    for (const auto& entry : kStateNames)
        if (name == QLatin1String(entry.name))
            return entry.state;
    return UploadState::Invalid;
}

QString UploadItem::fileName() const {
    return QFileInfo(file_path).fileName();
}

} // namespace fc::ui
