#include "ui/discovery/search_results_model.h"

#include "ui/library/library_text.h"
#include "ui/studio/api_image_provider.h"

namespace fc::ui {
namespace {

const QString kChannelKind = QStringLiteral("channel");

QString kindOf(const QJsonObject& item) {
    const QString kind = item.value(QStringLiteral("kind")).toString();
    if (!kind.isEmpty())
        return kind;
    return item.contains(QStringLiteral("channel")) ? kChannelKind : QStringLiteral("video");
}

QJsonObject channelOf(const QJsonObject& item) {
    return item.value(QStringLiteral("channel")).toObject();
}

QString highlight(const QJsonObject& item, const char* field) {
    return item.value(QStringLiteral("highlights")).toObject().value(QLatin1String(field)).toString();
}

} // namespace

SearchResultsModel::SearchResultsModel(ApiClient& api, QObject* parent) : VideoListModel(api, parent) {}

QVariant SearchResultsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QJsonObject entry = item(index.row());
    if (kindOf(entry) == kChannelKind) {
        // A channel answers the card roles that make sense for it: its id and name.
        const QJsonObject channel = channelOf(entry);
        switch (role) {
        case ChannelIdRole:
            return channel.value(QStringLiteral("id")).toString();
        case Qt::DisplayRole:
        case TitleRole:
        case ChannelNameRole:
            return channel.value(QStringLiteral("name")).toString();
        default:
            break;
        }
    }
    return VideoListModel::data(index, role);
}

bool SearchResultsModel::filtered() const {
    const SearchFilters defaults;
    return m_filters.type != defaults.type || m_filters.sort != defaults.sort ||
           !m_filters.duration.isEmpty() || !m_filters.uploaded.isEmpty() || !m_filters.category.isEmpty();
}

void SearchResultsModel::setType(const QString& type) {
    setFilter(&SearchFilters::type, type, searchTypeOptions());
}

void SearchResultsModel::setSort(const QString& sort) {
    setFilter(&SearchFilters::sort, sort, searchSortOptions());
}

void SearchResultsModel::setDuration(const QString& duration) {
    setFilter(&SearchFilters::duration, duration, searchDurationOptions());
}

void SearchResultsModel::setUploaded(const QString& uploaded) {
    setFilter(&SearchFilters::uploaded, uploaded, searchUploadedOptions());
}

void SearchResultsModel::setCategory(const QString& category) {
    setFilter(&SearchFilters::category, category.trimmed(), {}); // any name the server knows
}

void SearchResultsModel::setFilter(QString SearchFilters::*field, const QString& value,
                                   const QVariantList& options) {
    if (m_filters.*field == value || (!options.isEmpty() && !isSearchOption(options, value)))
        return;
    m_filters.*field = value;
    emit filtersChanged();
    restart();
}

void SearchResultsModel::search(const QString& text) {
    const QString query = text.trimmed();
    if (query != m_filters.query) {
        m_filters.query = query;
        emit queryChanged();
    }
    restart(); // the same text again searches again (the user pressed Enter to see what is new)
}

void SearchResultsModel::resetFilters() {
    const SearchFilters defaults;
    if (!filtered())
        return;
    m_filters.type = defaults.type;
    m_filters.sort = defaults.sort;
    m_filters.duration.clear();
    m_filters.uploaded.clear();
    m_filters.category.clear();
    emit filtersChanged();
    restart();
}

void SearchResultsModel::restart() {
    removeAll();
    setAnswer({}, 0);
    refresh();
}

void SearchResultsModel::setAnswer(const QString& corrected_query, int estimated_total) {
    if (corrected_query == m_correctedQuery && estimated_total == m_estimatedTotal)
        return;
    m_correctedQuery = corrected_query;
    m_estimatedTotal = estimated_total;
    emit answerChanged();
}

QString SearchResultsModel::listPath() const {
    return m_filters.query.isEmpty() ? QString() : searchPath(m_filters);
}

QString SearchResultsModel::itemKey(const QJsonObject& item) const {
    // A video and a channel may share an id: the kind is part of the key.
    const QString kind = kindOf(item);
    const QJsonObject object = kind == kChannelKind ? channelOf(item) : videoOf(item);
    return kind + QLatin1Char(':') + object.value(QStringLiteral("id")).toString();
}

QString SearchResultsModel::loadErrorText(const QString& reason) const {
    return tr("Could not search: %1").arg(reason);
}

QJsonObject SearchResultsModel::videoOf(const QJsonObject& item) const {
    return item.value(QStringLiteral("video")).toObject();
}

QVariant SearchResultsModel::extraData(const QJsonObject& item, int role) const {
    const bool channel = kindOf(item) == kChannelKind;
    const QJsonObject object = channel ? channelOf(item) : videoOf(item);
    switch (role) {
    case KindRole:
        return kindOf(item);
    case ScoreRole:
        return item.value(QStringLiteral("score")).toDouble();
    case HighlightedTitleRole: {
        const QString highlighted = highlight(item, channel ? "name" : "title");
        return highlighted.isEmpty()
                   ? styledPlain(
                         object.value(channel ? QStringLiteral("name") : QStringLiteral("title")).toString())
                   : styledHighlight(highlighted);
    }
    case HighlightedDescriptionRole:
        return styledHighlight(highlight(item, "description"));
    case HandleRole:
        return channel ? object.value(QStringLiteral("handle")).toString() : QString();
    case AvatarUrlRole:
        return channel ? apiImageUrl(object.value(QStringLiteral("avatar_url")).toString()) : QUrl();
    case SubscribersTextRole:
        return channel ? subscribersText(object.value(QStringLiteral("subscriber_count")).toInteger())
                       : QString();
    case VideoCountTextRole:
        return channel ? videoCountText(object.value(QStringLiteral("video_count")).toInteger()) : QString();
    case ChannelDetailRole: {
        if (!channel)
            return QString();
        QStringList parts;
        const QString handle = object.value(QStringLiteral("handle")).toString();
        if (!handle.isEmpty())
            parts.append(QLatin1Char('@') + handle);
        parts.append(subscribersText(object.value(QStringLiteral("subscriber_count")).toInteger()));
        parts.append(videoCountText(object.value(QStringLiteral("video_count")).toInteger()));
        return parts.join(QStringLiteral(" · "));
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> SearchResultsModel::extraRoleNames() const {
    return {{KindRole, "kind"},
            {ScoreRole, "score"},
            {HighlightedTitleRole, "highlightedTitle"},
            {HighlightedDescriptionRole, "highlightedDescription"},
            {HandleRole, "handle"},
            {AvatarUrlRole, "avatarUrl"},
            {SubscribersTextRole, "subscribersText"},
            {VideoCountTextRole, "videoCountText"},
            {ChannelDetailRole, "channelDetail"}};
}

void SearchResultsModel::pageArrived(const QJsonObject& body, bool first_page) {
    if (first_page)
        setAnswer(body.value(QStringLiteral("corrected_query")).toString(),
                  body.value(QStringLiteral("estimated_total")).toInt());
}

} // namespace fc::ui
