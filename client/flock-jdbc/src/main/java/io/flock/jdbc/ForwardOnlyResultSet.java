package io.flock.jdbc;

import java.sql.ResultSet;

/**
 * The parts of {@link ResultSet} every Flock result shares: getters by column label delegate to
 * the getters by index, and updating, scrolling and LOB access fail with
 * {@link java.sql.SQLFeatureNotSupportedException}, since results are forward-only and
 * read-only.
 */
@SuppressWarnings("deprecation")
abstract class ForwardOnlyResultSet implements ResultSet {
    @Override
    public java.io.InputStream getAsciiStream(int arg0) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.getAsciiStream (results are forward-only and read-only)");
    }

    @Override
    public java.io.InputStream getUnicodeStream(int arg0) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.getUnicodeStream (results are forward-only and read-only)");
    }

    @Override
    public java.io.InputStream getBinaryStream(int arg0) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.getBinaryStream (results are forward-only and read-only)");
    }

    @Override
    public java.lang.String getString(java.lang.String arg0) throws java.sql.SQLException {
        return getString(findColumn(arg0));
    }

    @Override
    public boolean getBoolean(java.lang.String arg0) throws java.sql.SQLException {
        return getBoolean(findColumn(arg0));
    }

    @Override
    public byte getByte(java.lang.String arg0) throws java.sql.SQLException {
        return getByte(findColumn(arg0));
    }

    @Override
    public short getShort(java.lang.String arg0) throws java.sql.SQLException {
        return getShort(findColumn(arg0));
    }

    @Override
    public int getInt(java.lang.String arg0) throws java.sql.SQLException {
        return getInt(findColumn(arg0));
    }

    @Override
    public long getLong(java.lang.String arg0) throws java.sql.SQLException {
        return getLong(findColumn(arg0));
    }

    @Override
    public float getFloat(java.lang.String arg0) throws java.sql.SQLException {
        return getFloat(findColumn(arg0));
    }

    @Override
    public double getDouble(java.lang.String arg0) throws java.sql.SQLException {
        return getDouble(findColumn(arg0));
    }

    @Override
    public java.math.BigDecimal getBigDecimal(java.lang.String arg0, int arg1) throws java.sql.SQLException {
        return getBigDecimal(findColumn(arg0), arg1);
    }

    @Override
    public byte[] getBytes(java.lang.String arg0) throws java.sql.SQLException {
        return getBytes(findColumn(arg0));
    }

    @Override
    public java.sql.Date getDate(java.lang.String arg0) throws java.sql.SQLException {
        return getDate(findColumn(arg0));
    }

    @Override
    public java.sql.Time getTime(java.lang.String arg0) throws java.sql.SQLException {
        return getTime(findColumn(arg0));
    }

    @Override
    public java.sql.Timestamp getTimestamp(java.lang.String arg0) throws java.sql.SQLException {
        return getTimestamp(findColumn(arg0));
    }

    @Override
    public java.io.InputStream getAsciiStream(java.lang.String arg0) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.getAsciiStream (results are forward-only and read-only)");
    }

    @Override
    public java.io.InputStream getUnicodeStream(java.lang.String arg0) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.getUnicodeStream (results are forward-only and read-only)");
    }

    @Override
    public java.io.InputStream getBinaryStream(java.lang.String arg0) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.getBinaryStream (results are forward-only and read-only)");
    }

    @Override
    public java.lang.String getCursorName() throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.getCursorName (results are forward-only and read-only)");
    }

    @Override
    public java.lang.Object getObject(java.lang.String arg0) throws java.sql.SQLException {
        return getObject(findColumn(arg0));
    }

    @Override
    public java.io.Reader getCharacterStream(int arg0) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.getCharacterStream (results are forward-only and read-only)");
    }

    @Override
    public java.io.Reader getCharacterStream(java.lang.String arg0) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.getCharacterStream (results are forward-only and read-only)");
    }

    @Override
    public java.math.BigDecimal getBigDecimal(java.lang.String arg0) throws java.sql.SQLException {
        return getBigDecimal(findColumn(arg0));
    }

    @Override
    public void beforeFirst() throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.beforeFirst (results are forward-only and read-only)");
    }

    @Override
    public void afterLast() throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.afterLast (results are forward-only and read-only)");
    }

    @Override
    public boolean first() throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.first (results are forward-only and read-only)");
    }

    @Override
    public boolean last() throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.last (results are forward-only and read-only)");
    }

    @Override
    public boolean absolute(int arg0) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.absolute (results are forward-only and read-only)");
    }

    @Override
    public boolean relative(int arg0) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.relative (results are forward-only and read-only)");
    }

    @Override
    public boolean previous() throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.previous (results are forward-only and read-only)");
    }

    @Override
    public boolean rowUpdated() throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.rowUpdated (results are forward-only and read-only)");
    }

    @Override
    public boolean rowInserted() throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.rowInserted (results are forward-only and read-only)");
    }

    @Override
    public boolean rowDeleted() throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.rowDeleted (results are forward-only and read-only)");
    }

    @Override
    public void updateNull(int arg0) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateNull (results are forward-only and read-only)");
    }

    @Override
    public void updateBoolean(int arg0, boolean arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateBoolean (results are forward-only and read-only)");
    }

    @Override
    public void updateByte(int arg0, byte arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateByte (results are forward-only and read-only)");
    }

    @Override
    public void updateShort(int arg0, short arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateShort (results are forward-only and read-only)");
    }

    @Override
    public void updateInt(int arg0, int arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateInt (results are forward-only and read-only)");
    }

    @Override
    public void updateLong(int arg0, long arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateLong (results are forward-only and read-only)");
    }

    @Override
    public void updateFloat(int arg0, float arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateFloat (results are forward-only and read-only)");
    }

    @Override
    public void updateDouble(int arg0, double arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateDouble (results are forward-only and read-only)");
    }

    @Override
    public void updateBigDecimal(int arg0, java.math.BigDecimal arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateBigDecimal (results are forward-only and read-only)");
    }

    @Override
    public void updateString(int arg0, java.lang.String arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateString (results are forward-only and read-only)");
    }

    @Override
    public void updateBytes(int arg0, byte[] arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateBytes (results are forward-only and read-only)");
    }

    @Override
    public void updateDate(int arg0, java.sql.Date arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateDate (results are forward-only and read-only)");
    }

    @Override
    public void updateTime(int arg0, java.sql.Time arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateTime (results are forward-only and read-only)");
    }

    @Override
    public void updateTimestamp(int arg0, java.sql.Timestamp arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateTimestamp (results are forward-only and read-only)");
    }

    @Override
    public void updateAsciiStream(int arg0, java.io.InputStream arg1, int arg2) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateAsciiStream (results are forward-only and read-only)");
    }

    @Override
    public void updateBinaryStream(int arg0, java.io.InputStream arg1, int arg2) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateBinaryStream (results are forward-only and read-only)");
    }

    @Override
    public void updateCharacterStream(int arg0, java.io.Reader arg1, int arg2) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateCharacterStream (results are forward-only and read-only)");
    }

    @Override
    public void updateObject(int arg0, java.lang.Object arg1, int arg2) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateObject (results are forward-only and read-only)");
    }

    @Override
    public void updateObject(int arg0, java.lang.Object arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateObject (results are forward-only and read-only)");
    }

    @Override
    public void updateNull(java.lang.String arg0) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateNull (results are forward-only and read-only)");
    }

    @Override
    public void updateBoolean(java.lang.String arg0, boolean arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateBoolean (results are forward-only and read-only)");
    }

    @Override
    public void updateByte(java.lang.String arg0, byte arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateByte (results are forward-only and read-only)");
    }

    @Override
    public void updateShort(java.lang.String arg0, short arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateShort (results are forward-only and read-only)");
    }

    @Override
    public void updateInt(java.lang.String arg0, int arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateInt (results are forward-only and read-only)");
    }

    @Override
    public void updateLong(java.lang.String arg0, long arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateLong (results are forward-only and read-only)");
    }

    @Override
    public void updateFloat(java.lang.String arg0, float arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateFloat (results are forward-only and read-only)");
    }

    @Override
    public void updateDouble(java.lang.String arg0, double arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateDouble (results are forward-only and read-only)");
    }

    @Override
    public void updateBigDecimal(java.lang.String arg0, java.math.BigDecimal arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateBigDecimal (results are forward-only and read-only)");
    }

    @Override
    public void updateString(java.lang.String arg0, java.lang.String arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateString (results are forward-only and read-only)");
    }

    @Override
    public void updateBytes(java.lang.String arg0, byte[] arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateBytes (results are forward-only and read-only)");
    }

    @Override
    public void updateDate(java.lang.String arg0, java.sql.Date arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateDate (results are forward-only and read-only)");
    }

    @Override
    public void updateTime(java.lang.String arg0, java.sql.Time arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateTime (results are forward-only and read-only)");
    }

    @Override
    public void updateTimestamp(java.lang.String arg0, java.sql.Timestamp arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateTimestamp (results are forward-only and read-only)");
    }

    @Override
    public void updateAsciiStream(java.lang.String arg0, java.io.InputStream arg1, int arg2) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateAsciiStream (results are forward-only and read-only)");
    }

    @Override
    public void updateBinaryStream(java.lang.String arg0, java.io.InputStream arg1, int arg2) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateBinaryStream (results are forward-only and read-only)");
    }

    @Override
    public void updateCharacterStream(java.lang.String arg0, java.io.Reader arg1, int arg2) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateCharacterStream (results are forward-only and read-only)");
    }

    @Override
    public void updateObject(java.lang.String arg0, java.lang.Object arg1, int arg2) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateObject (results are forward-only and read-only)");
    }

    @Override
    public void updateObject(java.lang.String arg0, java.lang.Object arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateObject (results are forward-only and read-only)");
    }

    @Override
    public void insertRow() throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.insertRow (results are forward-only and read-only)");
    }

    @Override
    public void updateRow() throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateRow (results are forward-only and read-only)");
    }

    @Override
    public void deleteRow() throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.deleteRow (results are forward-only and read-only)");
    }

    @Override
    public void refreshRow() throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.refreshRow (results are forward-only and read-only)");
    }

    @Override
    public void cancelRowUpdates() throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.cancelRowUpdates (results are forward-only and read-only)");
    }

    @Override
    public void moveToInsertRow() throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.moveToInsertRow (results are forward-only and read-only)");
    }

    @Override
    public void moveToCurrentRow() throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.moveToCurrentRow (results are forward-only and read-only)");
    }

    @Override
    public java.sql.Ref getRef(int arg0) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.getRef (results are forward-only and read-only)");
    }

    @Override
    public java.sql.Blob getBlob(int arg0) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.getBlob (results are forward-only and read-only)");
    }

    @Override
    public java.sql.Clob getClob(int arg0) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.getClob (results are forward-only and read-only)");
    }

    @Override
    public java.sql.Array getArray(int arg0) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.getArray (results are forward-only and read-only)");
    }

    @Override
    public java.lang.Object getObject(java.lang.String arg0, java.util.Map<java.lang.String, java.lang.Class<?>> arg1) throws java.sql.SQLException {
        return getObject(findColumn(arg0), arg1);
    }

    @Override
    public java.sql.Ref getRef(java.lang.String arg0) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.getRef (results are forward-only and read-only)");
    }

    @Override
    public java.sql.Blob getBlob(java.lang.String arg0) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.getBlob (results are forward-only and read-only)");
    }

    @Override
    public java.sql.Clob getClob(java.lang.String arg0) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.getClob (results are forward-only and read-only)");
    }

    @Override
    public java.sql.Array getArray(java.lang.String arg0) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.getArray (results are forward-only and read-only)");
    }

    @Override
    public java.sql.Date getDate(java.lang.String arg0, java.util.Calendar arg1) throws java.sql.SQLException {
        return getDate(findColumn(arg0), arg1);
    }

    @Override
    public java.sql.Time getTime(java.lang.String arg0, java.util.Calendar arg1) throws java.sql.SQLException {
        return getTime(findColumn(arg0), arg1);
    }

    @Override
    public java.sql.Timestamp getTimestamp(java.lang.String arg0, java.util.Calendar arg1) throws java.sql.SQLException {
        return getTimestamp(findColumn(arg0), arg1);
    }

    @Override
    public java.net.URL getURL(int arg0) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.getURL (results are forward-only and read-only)");
    }

    @Override
    public java.net.URL getURL(java.lang.String arg0) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.getURL (results are forward-only and read-only)");
    }

    @Override
    public void updateRef(int arg0, java.sql.Ref arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateRef (results are forward-only and read-only)");
    }

    @Override
    public void updateRef(java.lang.String arg0, java.sql.Ref arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateRef (results are forward-only and read-only)");
    }

    @Override
    public void updateBlob(int arg0, java.sql.Blob arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateBlob (results are forward-only and read-only)");
    }

    @Override
    public void updateBlob(java.lang.String arg0, java.sql.Blob arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateBlob (results are forward-only and read-only)");
    }

    @Override
    public void updateClob(int arg0, java.sql.Clob arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateClob (results are forward-only and read-only)");
    }

    @Override
    public void updateClob(java.lang.String arg0, java.sql.Clob arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateClob (results are forward-only and read-only)");
    }

    @Override
    public void updateArray(int arg0, java.sql.Array arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateArray (results are forward-only and read-only)");
    }

    @Override
    public void updateArray(java.lang.String arg0, java.sql.Array arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateArray (results are forward-only and read-only)");
    }

    @Override
    public java.sql.RowId getRowId(int arg0) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.getRowId (results are forward-only and read-only)");
    }

    @Override
    public java.sql.RowId getRowId(java.lang.String arg0) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.getRowId (results are forward-only and read-only)");
    }

    @Override
    public void updateRowId(int arg0, java.sql.RowId arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateRowId (results are forward-only and read-only)");
    }

    @Override
    public void updateRowId(java.lang.String arg0, java.sql.RowId arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateRowId (results are forward-only and read-only)");
    }

    @Override
    public void updateNString(int arg0, java.lang.String arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateNString (results are forward-only and read-only)");
    }

    @Override
    public void updateNString(java.lang.String arg0, java.lang.String arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateNString (results are forward-only and read-only)");
    }

    @Override
    public void updateNClob(int arg0, java.sql.NClob arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateNClob (results are forward-only and read-only)");
    }

    @Override
    public void updateNClob(java.lang.String arg0, java.sql.NClob arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateNClob (results are forward-only and read-only)");
    }

    @Override
    public java.sql.NClob getNClob(int arg0) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.getNClob (results are forward-only and read-only)");
    }

    @Override
    public java.sql.NClob getNClob(java.lang.String arg0) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.getNClob (results are forward-only and read-only)");
    }

    @Override
    public java.sql.SQLXML getSQLXML(int arg0) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.getSQLXML (results are forward-only and read-only)");
    }

    @Override
    public java.sql.SQLXML getSQLXML(java.lang.String arg0) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.getSQLXML (results are forward-only and read-only)");
    }

    @Override
    public void updateSQLXML(int arg0, java.sql.SQLXML arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateSQLXML (results are forward-only and read-only)");
    }

    @Override
    public void updateSQLXML(java.lang.String arg0, java.sql.SQLXML arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateSQLXML (results are forward-only and read-only)");
    }

    @Override
    public java.lang.String getNString(java.lang.String arg0) throws java.sql.SQLException {
        return getNString(findColumn(arg0));
    }

    @Override
    public java.io.Reader getNCharacterStream(int arg0) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.getNCharacterStream (results are forward-only and read-only)");
    }

    @Override
    public java.io.Reader getNCharacterStream(java.lang.String arg0) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.getNCharacterStream (results are forward-only and read-only)");
    }

    @Override
    public void updateNCharacterStream(int arg0, java.io.Reader arg1, long arg2) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateNCharacterStream (results are forward-only and read-only)");
    }

    @Override
    public void updateNCharacterStream(java.lang.String arg0, java.io.Reader arg1, long arg2) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateNCharacterStream (results are forward-only and read-only)");
    }

    @Override
    public void updateAsciiStream(int arg0, java.io.InputStream arg1, long arg2) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateAsciiStream (results are forward-only and read-only)");
    }

    @Override
    public void updateBinaryStream(int arg0, java.io.InputStream arg1, long arg2) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateBinaryStream (results are forward-only and read-only)");
    }

    @Override
    public void updateCharacterStream(int arg0, java.io.Reader arg1, long arg2) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateCharacterStream (results are forward-only and read-only)");
    }

    @Override
    public void updateAsciiStream(java.lang.String arg0, java.io.InputStream arg1, long arg2) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateAsciiStream (results are forward-only and read-only)");
    }

    @Override
    public void updateBinaryStream(java.lang.String arg0, java.io.InputStream arg1, long arg2) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateBinaryStream (results are forward-only and read-only)");
    }

    @Override
    public void updateCharacterStream(java.lang.String arg0, java.io.Reader arg1, long arg2) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateCharacterStream (results are forward-only and read-only)");
    }

    @Override
    public void updateBlob(int arg0, java.io.InputStream arg1, long arg2) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateBlob (results are forward-only and read-only)");
    }

    @Override
    public void updateBlob(java.lang.String arg0, java.io.InputStream arg1, long arg2) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateBlob (results are forward-only and read-only)");
    }

    @Override
    public void updateClob(int arg0, java.io.Reader arg1, long arg2) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateClob (results are forward-only and read-only)");
    }

    @Override
    public void updateClob(java.lang.String arg0, java.io.Reader arg1, long arg2) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateClob (results are forward-only and read-only)");
    }

    @Override
    public void updateNClob(int arg0, java.io.Reader arg1, long arg2) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateNClob (results are forward-only and read-only)");
    }

    @Override
    public void updateNClob(java.lang.String arg0, java.io.Reader arg1, long arg2) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateNClob (results are forward-only and read-only)");
    }

    @Override
    public void updateNCharacterStream(int arg0, java.io.Reader arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateNCharacterStream (results are forward-only and read-only)");
    }

    @Override
    public void updateNCharacterStream(java.lang.String arg0, java.io.Reader arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateNCharacterStream (results are forward-only and read-only)");
    }

    @Override
    public void updateAsciiStream(int arg0, java.io.InputStream arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateAsciiStream (results are forward-only and read-only)");
    }

    @Override
    public void updateBinaryStream(int arg0, java.io.InputStream arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateBinaryStream (results are forward-only and read-only)");
    }

    @Override
    public void updateCharacterStream(int arg0, java.io.Reader arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateCharacterStream (results are forward-only and read-only)");
    }

    @Override
    public void updateAsciiStream(java.lang.String arg0, java.io.InputStream arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateAsciiStream (results are forward-only and read-only)");
    }

    @Override
    public void updateBinaryStream(java.lang.String arg0, java.io.InputStream arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateBinaryStream (results are forward-only and read-only)");
    }

    @Override
    public void updateCharacterStream(java.lang.String arg0, java.io.Reader arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateCharacterStream (results are forward-only and read-only)");
    }

    @Override
    public void updateBlob(int arg0, java.io.InputStream arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateBlob (results are forward-only and read-only)");
    }

    @Override
    public void updateBlob(java.lang.String arg0, java.io.InputStream arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateBlob (results are forward-only and read-only)");
    }

    @Override
    public void updateClob(int arg0, java.io.Reader arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateClob (results are forward-only and read-only)");
    }

    @Override
    public void updateClob(java.lang.String arg0, java.io.Reader arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateClob (results are forward-only and read-only)");
    }

    @Override
    public void updateNClob(int arg0, java.io.Reader arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateNClob (results are forward-only and read-only)");
    }

    @Override
    public void updateNClob(java.lang.String arg0, java.io.Reader arg1) throws java.sql.SQLException {
        throw SqlExceptions.unsupported("ResultSet.updateNClob (results are forward-only and read-only)");
    }

    @Override
    public <T> T getObject(java.lang.String arg0, java.lang.Class<T> arg1) throws java.sql.SQLException {
        return getObject(findColumn(arg0), arg1);
    }
}
