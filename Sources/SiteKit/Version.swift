/// The version of vidin, as `vidin --version` prints it and the PDFs' Creator names it.
public let vidinVersion = "0.5.0"
