#pragma once
// App.search (docs/API.md §17).
#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace fc::ui {

class AppContext;

class SearchController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("SearchController belongs to App")
public:
    explicit SearchController(AppContext* app);

private:
    AppContext* m_app = nullptr;
};

} // namespace fc::ui
