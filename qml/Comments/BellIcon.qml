import QtQuick

// A bell drawn in the text colour (the bundled fonts have no bell glyph).
Canvas {
    id: bell

    property color color: "black"

    implicitWidth: 22
    implicitHeight: 22
    onColorChanged: requestPaint()

    onPaint: {
        const ctx = getContext("2d")
        const w = width
        const h = height
        ctx.reset()
        ctx.fillStyle = bell.color
        ctx.beginPath()
        // The dome and the flared rim.
        ctx.moveTo(w * 0.5, h * 0.1)
        ctx.bezierCurveTo(w * 0.22, h * 0.1, w * 0.2, h * 0.35, w * 0.2, h * 0.55)
        ctx.lineTo(w * 0.1, h * 0.75)
        ctx.lineTo(w * 0.9, h * 0.75)
        ctx.lineTo(w * 0.8, h * 0.55)
        ctx.bezierCurveTo(w * 0.8, h * 0.35, w * 0.78, h * 0.1, w * 0.5, h * 0.1)
        ctx.closePath()
        ctx.fill()
        // The clapper.
        ctx.beginPath()
        ctx.arc(w * 0.5, h * 0.82, w * 0.1, 0, Math.PI * 2)
        ctx.fill()
    }
}
