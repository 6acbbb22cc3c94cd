#pragma once
// App.browse (docs/API.md §17).
#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace fc::ui {

class AppContext;

class BrowseController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("BrowseController belongs to App")
public:
    explicit BrowseController(AppContext* app);

private:
    AppContext* m_app = nullptr;
};

} // namespace fc::ui
