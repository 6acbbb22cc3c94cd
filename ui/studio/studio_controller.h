#pragma once
// SKELETON: the helper that owns ui/studio/ replaces this comment and fills the class in.
#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace fc::ui {

class AppContext;

class StudioController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("StudioController belongs to App")
public:
    explicit StudioController(AppContext* app);

private:
    AppContext* m_app = nullptr;
};

} // namespace fc::ui
