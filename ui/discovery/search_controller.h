#pragma once
// App.search (docs/API.md §17): the search results with their filters, suggestions as you type, the videos
// related to the one in the player, and the categories the category filter offers.
#include <QObject>
#include <QStringList>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include "ui/discovery/categories_model.h"
#include "ui/discovery/related_videos_model.h"
#include "ui/discovery/search_results_model.h"
#include "ui/discovery/search_suggestions_model.h"

namespace fc::ui {

class AppContext;

class SearchController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("SearchController belongs to App")
    Q_PROPERTY(fc::ui::SearchResultsModel* results READ results CONSTANT)
    Q_PROPERTY(fc::ui::SearchSuggestionsModel* suggestions READ suggestions CONSTANT)
    Q_PROPERTY(fc::ui::RelatedVideosModel* related READ related CONSTANT)
    // Category names of listed videos, most videos first (GET /api/v1/categories); empty until read.
    Q_PROPERTY(QStringList categories READ categories NOTIFY categoriesChanged)
    // The filters' choices: [{"value", "label"}], the default first.
    Q_PROPERTY(QVariantList typeOptions READ typeOptions CONSTANT)
    Q_PROPERTY(QVariantList sortOptions READ sortOptions CONSTANT)
    Q_PROPERTY(QVariantList durationOptions READ durationOptions CONSTANT)
    Q_PROPERTY(QVariantList uploadedOptions READ uploadedOptions CONSTANT)
    Q_PROPERTY(
        QVariantList categoryOptions READ categoryOptions NOTIFY categoriesChanged) // "Any" + categories
public:
    explicit SearchController(AppContext* app);

    SearchResultsModel* results() { return m_results; }
    SearchSuggestionsModel* suggestions() { return m_suggestions; }
    RelatedVideosModel* related() { return m_related; }
    QStringList categories() const { return m_categoryNames; }
    QVariantList typeOptions() const;
    QVariantList sortOptions() const;
    QVariantList durationOptions() const;
    QVariantList uploadedOptions() const;
    QVariantList categoryOptions() const;

    // Reads the categories again (the search page does when it is shown); a failure keeps the last list.
    Q_INVOKABLE void refreshCategories();

signals:
    void categoriesChanged();

private:
    AppContext* m_app = nullptr;
    SearchResultsModel* m_results = nullptr;
    SearchSuggestionsModel* m_suggestions = nullptr;
    RelatedVideosModel* m_related = nullptr;
    CategoriesModel* m_categories = nullptr; // the category filter's own copy (App.browse has the chips')
    QStringList m_categoryNames;
};

} // namespace fc::ui
