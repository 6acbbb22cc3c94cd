#include "ui/uploads/upload_form_rules.h"

#include <QFileInfo>
#include <QJsonArray>

namespace fc::ui {
namespace {
constexpr int kMaxTitleChars = 100;
constexpr int kMaxDescriptionChars = 5000;
constexpr int kMaxTags = 30;
constexpr int kMaxTagChars = 30;
constexpr int kMaxCategoryChars = 50;

bool singleLine(const QString& text) {
    return !text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('\r'));
}
} // namespace

QString defaultUploadTitle(const QString& file_path) {
    const QString base = QFileInfo(file_path).completeBaseName().trimmed();
    return base.left(kMaxTitleChars);
}

QStringList splitTags(const QString& comma_separated) {
    QStringList tags;
    for (const QString& part : comma_separated.split(QLatin1Char(','))) {
        const QString tag = part.simplified();
        if (!tag.isEmpty() && !tags.contains(tag))
            tags.append(tag);
    }
    return tags;
}

QString validateUploadForm(const UploadForm& form) {
    const QString title = form.title.trimmed();
    if (title.isEmpty())
        return QStringLiteral("Add a title.");
    if (title.size() > kMaxTitleChars)
        return QStringLiteral("The title can have at most %1 characters (it has %2).")
            .arg(kMaxTitleChars)
            .arg(title.size());
    if (!singleLine(title))
        return QStringLiteral("The title must be a single line.");
    if (form.description.size() > kMaxDescriptionChars)
        return QStringLiteral("The description can have at most %1 characters.").arg(kMaxDescriptionChars);
    if (form.tags.size() > kMaxTags)
        return QStringLiteral("Use at most %1 tags (there are %2).").arg(kMaxTags).arg(form.tags.size());
    for (const QString& tag : form.tags)
        if (tag.size() > kMaxTagChars)
            return QStringLiteral("The tag \"%1\" is too long: tags can have at most %2 characters.")
                .arg(tag.left(40))
                .arg(kMaxTagChars);
    if (form.category.size() > kMaxCategoryChars || !singleLine(form.category))
        return QStringLiteral("The category must be one line of at most %1 characters.")
            .arg(kMaxCategoryChars);
    if (!isVisibility(form.visibility))
        return QStringLiteral("Choose public, unlisted or private.");
    return {};
}

bool isVisibility(const QString& text) {
    return text == QLatin1String("public") || text == QLatin1String("unlisted") ||
           text == QLatin1String("private");
}

QJsonObject uploadFormJson(const UploadForm& form) {
    return {{QStringLiteral("title"), form.title.trimmed()},
            {QStringLiteral("description"), form.description},
            {QStringLiteral("tags"), QJsonArray::fromStringList(form.tags)},
            {QStringLiteral("category"), form.category.trimmed()},
            {QStringLiteral("visibility"), form.visibility}};
}

bool formFitsCreationMetadata(const UploadForm& form) {
    return form.tags.isEmpty() && form.category.trimmed().isEmpty();
}

} // namespace fc::ui
