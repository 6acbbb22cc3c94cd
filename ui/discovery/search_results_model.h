#pragma once
// Search results (GET /api/v1/search, docs/API.md §17): the query and its filters, page after page with the
// server's cursor (infinite scroll through fetchMore), each item a video or a channel with its highlighted
// text made safe for Text.StyledText, the corrected query when the server searched for something else, and
// the estimated total. A new query or filter starts a new search at once; answers of older searches are
// dropped.
#include <QtQml/qqmlregistration.h>

#include "ui/discovery/search_text.h"
#include "ui/models/video_list_model.h"

namespace fc::ui {

class SearchResultsModel : public fc::ui::VideoListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("SearchResultsModel belongs to App.search")
    Q_PROPERTY(QString query READ query NOTIFY queryChanged)
    // Filters: the wire values of docs/API.md §17 ("" = any); an unknown value is ignored.
    Q_PROPERTY(QString type READ type WRITE setType NOTIFY filtersChanged)
    Q_PROPERTY(QString sort READ sort WRITE setSort NOTIFY filtersChanged)
    Q_PROPERTY(QString duration READ duration WRITE setDuration NOTIFY filtersChanged)
    Q_PROPERTY(QString uploaded READ uploaded WRITE setUploaded NOTIFY filtersChanged)
    Q_PROPERTY(QString category READ category WRITE setCategory NOTIFY filtersChanged)
    Q_PROPERTY(bool filtered READ filtered NOTIFY filtersChanged) // any filter other than the defaults
    // What the server searched for instead of the query ("Showing results for …"); empty when it searched the
    // query as written.
    Q_PROPERTY(QString correctedQuery READ correctedQuery NOTIFY answerChanged)
    Q_PROPERTY(int estimatedTotal READ estimatedTotal NOTIFY answerChanged)
public:
    enum SearchRole {
        KindRole = FirstExtraRole,  // "video" or "channel"
        ScoreRole,                  // relevance, higher is better
        HighlightedTitleRole,       // StyledText: the title (a channel's name) with matched words in <b>
        HighlightedDescriptionRole, // StyledText: ~30 words around the first match, "" when none matched
        HandleRole,                 // channels
        AvatarUrlRole,              // channels: image://framecast/…, empty when none
        SubscribersTextRole,        // channels: "12 subscribers"
        VideoCountTextRole,         // channels: "3 videos"
        ChannelDetailRole,          // channels: "@handle · 12 subscribers · 3 videos"
    };
    Q_ENUM(SearchRole)

    SearchResultsModel(ApiClient& api, QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

    QString query() const { return m_filters.query; }
    QString type() const { return m_filters.type; }
    QString sort() const { return m_filters.sort; }
    QString duration() const { return m_filters.duration; }
    QString uploaded() const { return m_filters.uploaded; }
    QString category() const { return m_filters.category; }
    bool filtered() const;
    QString correctedQuery() const { return m_correctedQuery; }
    int estimatedTotal() const { return m_estimatedTotal; }
    const SearchFilters& filters() const { return m_filters; }

    void setType(const QString& type);
    void setSort(const QString& sort);
    void setDuration(const QString& duration);
    void setUploaded(const QString& uploaded);
    void setCategory(const QString& category);

    // Searches text (trimmed) with the current filters; an empty text clears the results.
    Q_INVOKABLE void search(const QString& text);
    // Back to the defaults (videos, relevance, any), searched again once.
    Q_INVOKABLE void resetFilters();

signals:
    void queryChanged();
    void filtersChanged();
    void answerChanged();

protected:
    QString listPath() const override;
    QString itemKey(const QJsonObject& item) const override;
    QString loadErrorText(const QString& reason) const override;
    QJsonObject videoOf(const QJsonObject& item) const override;
    QVariant extraData(const QJsonObject& item, int role) const override;
    QHash<int, QByteArray> extraRoleNames() const override;
    void pageArrived(const QJsonObject& body, bool first_page) override;

private:
    // A filter changed: the results shown no longer match, so they go and the search runs again.
    void setFilter(QString SearchFilters::*field, const QString& value, const QVariantList& options);
    void restart();
    void setAnswer(const QString& corrected_query, int estimated_total);

    SearchFilters m_filters;
    QString m_correctedQuery;
    int m_estimatedTotal = 0;
};

} // namespace fc::ui
