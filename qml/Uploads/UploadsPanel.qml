// SKELETON: replaced by the feature's owner.
import QtQuick

Item {}
