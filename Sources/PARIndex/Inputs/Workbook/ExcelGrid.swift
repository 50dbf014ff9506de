/// The size of an Excel sheet: 1,048,576 rows and 16,384 columns (`A` to `XFD`). A reference
/// beyond it is a damaged file when read and is refused before it is written.
enum ExcelGrid {
  static let rows = 1_048_576
  static let columns = 16_384
}
