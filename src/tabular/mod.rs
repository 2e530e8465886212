//! Tables as editors hand them over, below any record kind: today CSV files
//! (`vitrina import` and the `data:` files of monitoring records read them
//! through [`csv`], so both follow the same rules of section 7.3 of the contract).

pub mod csv;
