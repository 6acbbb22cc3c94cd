#include "ui/discovery/search_controller.h"

#include "ui/app/app_context.h"
#include "ui/discovery/search_text.h"

namespace fc::ui {

SearchController::SearchController(AppContext* app) : QObject(app), m_app(app) {
    ApiClient& api = *app->api();
    m_results = new SearchResultsModel(api, this);
    m_suggestions = new SearchSuggestionsModel(api, this);
    m_related = new RelatedVideosModel(api, this);
    m_categories = new CategoriesModel(api, this);

    connect(m_categories, &JsonListModel::loadingChanged, this, [this] {
        const QStringList names = m_categories->names();
        if (m_categories->loading() || names == m_categoryNames)
            return;
        m_categoryNames = names;
        emit categoriesChanged();
    });

    // Signed in, related videos leave out what the user has watched: read them again for the new user.
    connect(app->session(), &SessionController::stateChanged, this, [this] {
        if (!m_related->videoId().isEmpty())
            m_related->refresh();
    });
}

QVariantList SearchController::typeOptions() const {
    return searchTypeOptions();
}

QVariantList SearchController::sortOptions() const {
    return searchSortOptions();
}

QVariantList SearchController::durationOptions() const {
    return searchDurationOptions();
}

QVariantList SearchController::uploadedOptions() const {
    return searchUploadedOptions();
}

QVariantList SearchController::categoryOptions() const {
    return searchCategoryOptions(m_categoryNames);
}

void SearchController::refreshCategories() {
    m_categories->refresh();
}

} // namespace fc::ui
