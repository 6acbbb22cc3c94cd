import QtQuick
import QtQuick.Controls

// A category to filter by (Trending's chips): lit while selected. Not checkable — whoever shows it says which
// one is selected (the model's category), so a click never leaves it out of step.
Button {
    required property string category
    property bool selected: false

    flat: !selected
    highlighted: selected
    font.capitalization: Font.MixedCase
    Accessible.role: Accessible.RadioButton
    Accessible.checked: selected
}
