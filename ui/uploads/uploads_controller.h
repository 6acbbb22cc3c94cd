#pragma once
// SKELETON: the helper that owns ui/uploads/ replaces this comment and fills the class in.
#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace fc::ui {

class AppContext;

class UploadsController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("UploadsController belongs to App")
public:
    explicit UploadsController(AppContext* app);

private:
    AppContext* m_app = nullptr;
};

} // namespace fc::ui
