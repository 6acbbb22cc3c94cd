#pragma once
// SKELETON: the helper that owns ui/preview/ replaces this comment and fills the class in.
#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace fc::ui {

class AppContext;

class PreviewController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("PreviewController belongs to App")
public:
    explicit PreviewController(AppContext* app);

private:
    AppContext* m_app = nullptr;
};

} // namespace fc::ui
